import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ProblemException } from '../../infra/http/problem.filter.js';

/**
 * Deepest nesting of objects and arrays a request body may have. A real badge is a dozen levels deep even inside a
 * presentation inside a cohort learner; thousands of levels only serve to overflow the stack of the recursive code
 * downstream (class-transformer, JSON-LD expansion), which answered 500.
 */
export const MAX_JSON_DEPTH = 64;

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The JSON Pointer (RFC 6901) of the first object or array nested deeper than `maxDepth` levels (the body itself is
 * level 1), or null when there is none. Iterative, so any depth is safe to inspect.
 */
export function tooDeepPointer(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: Array<{ value: unknown; depth: number; pointer: string }> = [{ value, depth: 1, pointer: '' }];
  while (stack.length > 0) {
    const { value: node, depth, pointer } = stack.pop()!;
    if (typeof node !== 'object' || node === null || Buffer.isBuffer(node)) continue;
    if (depth > maxDepth) return pointer;
    const entries: Array<[string, unknown]> = Array.isArray(node) ? node.map((item, i) => [String(i), item]) : Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i -= 1) stack.push({ value: entries[i][1], depth: depth + 1, pointer: `${pointer}/${escapePointer(entries[i][0])}` });
  }
  return null;
}

/** @throws ProblemException 400 `validation` naming (pointer) where the body nests deeper than `MAX_JSON_DEPTH` levels */
export function assertJsonDepth(body: unknown): void {
  const pointer = tooDeepPointer(body);
  if (pointer === null) return;
  throw new ProblemException(400, 'validation', 'Bad Request', `the request body is nested more than ${MAX_JSON_DEPTH} levels deep`, [
    { pointer, detail: `nested more than ${MAX_JSON_DEPTH} levels deep` },
  ]);
}

/**
 * Refuses (400, see `assertJsonDepth`) a JSON body nested deeper than `MAX_JSON_DEPTH` before the validation pipe
 * walks it. For the routes that take badges: matches, gaps, recommendations (`/v1/badges/verify` checks its body itself,
 * after reading multipart text parts).
 */
@Injectable()
export class JsonDepthInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    assertJsonDepth(context.switchToHttp().getRequest<{ body?: unknown }>().body);
    return next.handle();
  }
}
