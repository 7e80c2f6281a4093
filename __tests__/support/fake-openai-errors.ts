/** OpenAI's HTTP error bodies (`{ "error": { message, type, param, code } }`), shared by both OpenAI wires. */
import type { FakeReply } from './fake-llm-server.js';
import type { ErrorOptions, WireError } from './fake-llm-wire.js';

function body(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

/** The HTTP error reply OpenAI (and compatible servers) send; `stream_error` is wire-specific. */
export function openAiHttpError(
  kind: Exclude<WireError, 'stream_error'>,
  options: ErrorOptions = {}
): FakeReply {
  const echo = options.echo ?? '';
  const reply = (status: number, content: unknown): FakeReply => ({
    kind: 'json',
    status,
    body: content,
    headers: { 'x-request-id': 'req_fake_1', ...options.headers }
  });
  switch (kind) {
    case 'rate_limit':
      return reply(
        429,
        body(
          `Rate limit reached for requests. Please try again later.${echo}`,
          'requests',
          'rate_limit_exceeded'
        )
      );
    case 'server':
      return reply(
        500,
        body(`The server had an error while processing your request.${echo}`, 'server_error', null)
      );
    case 'overloaded':
      return reply(
        503,
        body(
          `The engine is currently overloaded, please try again later.${echo}`,
          'server_error',
          null
        )
      );
    case 'quota':
    case 'billing':
      return reply(
        429,
        body(
          `You exceeded your current quota, please check your plan and billing details.${echo}`,
          'insufficient_quota',
          'insufficient_quota'
        )
      );
    case 'authentication':
      return reply(
        401,
        body(
          `Incorrect API key provided: ${echo || 'sk-***'}.`,
          'invalid_request_error',
          'invalid_api_key'
        )
      );
    case 'context_length':
      return reply(
        400,
        body(
          `This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.${echo}`,
          'invalid_request_error',
          'context_length_exceeded'
        )
      );
    case 'not_found':
      return reply(
        404,
        body(
          `The model \`no-such-model\` does not exist or you do not have access to it.${echo}`,
          'invalid_request_error',
          'model_not_found'
        )
      );
  }
}
