import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

/** One field error of a problem: `pointer` is a JSON Pointer into the request body (RFC 6901), e.g. `/badges/1`. */
export interface ProblemFieldError {
  pointer: string;
  detail: string;
}

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://skillpulse.dev/problems';

/** An error that leaves the API as a given problem (status, type suffix, detail, field errors). */
export class ProblemException extends HttpException {
  constructor(status: number, typeSuffix: string, title: string, detail?: string, errors?: ProblemFieldError[], extensions: Record<string, unknown> = {}) {
    super({ type: `${PROBLEM_BASE}/${typeSuffix}`, title, status, detail, errors, ...extensions } satisfies Problem, status);
  }
}

/**
 * Every error leaves as `application/problem+json`. A 500 shows only a correlation id; the log has the rest.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const problem = this.toProblem(exception, request);
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): Problem {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'type' in body) return { ...(body as Problem), instance: request.originalUrl };
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const messages = Array.isArray(message) ? message.map(String) : [];
      const title = HttpStatus[status] ? titleCase(HttpStatus[status]) : 'Error';
      return {
        type: status === 404 ? `${PROBLEM_BASE}/not-found` : status === 400 ? `${PROBLEM_BASE}/validation` : 'about:blank',
        title,
        status,
        detail: messages.length ? messages.join('; ') : typeof message === 'string' ? message : exception.message,
        instance: request.originalUrl,
        ...(messages.length ? { errors: groupByPointer(messages) } : {}),
      };
    }
    const correlationId = randomUUID();
    this.logger.error(`${correlationId} ${request.method} ${request.originalUrl}`, exception instanceof Error ? exception.stack : String(exception));
    return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: `Correlation id ${correlationId}`, correlationId };
  }
}

function titleCase(constant: string): string {
  return constant.toLowerCase().split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/** One error per field, its messages joined. */
function groupByPointer(messages: string[]): ProblemFieldError[] {
  const byPointer = new Map<string, string[]>();
  for (const m of messages) byPointer.set(pointerOf(m), [...(byPointer.get(pointerOf(m)) ?? []), m]);
  return [...byPointer].map(([pointer, details]) => ({ pointer, detail: details.join('; ') }));
}

/**
 * JSON Pointer of a class-validator message: messages start with the property path ("limit must not be greater
 * than 100", "badges.1 …"), except unknown properties ("property foo should not exist") and whole-body errors.
 */
function pointerOf(message: string): string {
  const unknown = /^property (\S+) should not exist$/.exec(message);
  if (unknown) return '/' + unknown[1].split('.').join('/');
  const path = message.split(' ')[0] ?? '';
  if (!/^[A-Za-z_$][\w$]*(\.[\w$]+)*$/.test(path) || path === 'Validation') return '';
  return '/' + path.split('.').join('/');
}
