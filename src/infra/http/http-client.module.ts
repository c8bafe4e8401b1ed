import { Module } from '@nestjs/common';
import { HTTP_CLIENT, HttpClient } from './http-client.js';

/**
 * Provides the guarded outbound HTTP client: inject `HttpClient`, or the port by token
 * (`@Inject(HTTP_CLIENT) http: HttpClientPort`). Settings come from the FETCH_* configuration; a module may override
 * them by providing `HTTP_CLIENT_OPTIONS`.
 */
@Module({
  providers: [HttpClient, { provide: HTTP_CLIENT, useExisting: HttpClient }],
  exports: [HttpClient, HTTP_CLIENT],
})
export class HttpClientModule {}
