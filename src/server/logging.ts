import type { FastifyServerOptions } from 'fastify';

/**
 * What the server may write to its log: request id, method, path, status and duration.
 * Never a body, a query string, a header, an address, a name, a phone number or a health
 * value: club records are personal data of poor and older people.
 */
export interface LogSettings {
  level?: string;
  /** Where log lines go (tests capture them); stdout when absent. */
  stream?: { write(line: string): void };
}

function pathOf(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function loggerOptions(settings: LogSettings | boolean | undefined): FastifyServerOptions['logger'] {
  if (!settings) return false;
  const { level = 'info', stream } = settings === true ? {} : settings;
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: { method?: string; url?: string }) => ({ method: request.method, path: pathOf(request.url) }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
    // A last guard in case something logs a whole request or record anyway.
    redact: {
      paths: ['req.headers', 'req.body', 'body', 'data', 'record', 'headers.authorization'],
      remove: true,
    },
  };
}
