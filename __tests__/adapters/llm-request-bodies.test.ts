/** What each adapter sends: unified requests → the provider's request body (pure translation). */
import { describe, expect, it } from '@jest/globals';
import { anthropicBody } from '../../src/adapters/anthropic-client.js';
import { chatBody } from '../../src/adapters/openai-chat-client.js';
import { responsesBody } from '../../src/adapters/openai-responses-client.js';
import type { LlmMessage, LlmRequest } from '../../src/ports/llm-client.js';

const readFile = {
  name: 'read_file',
  description: 'Read a file',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }
};
const shell = {
  name: 'shell',
  description: 'Run a command',
  parameters: { type: 'object', properties: {} }
};

const conversation: LlmMessage[] = [
  { role: 'user', content: 'Fix the bug.' },
  {
    role: 'assistant',
    content: [
      { type: 'reasoning', text: 'Look first.', signature: 'sig-1' },
      { type: 'text', text: 'Reading both.' },
      {
        type: 'tool_call',
        id: 'call_1',
        name: 'read_file',
        arguments: { path: 'a.ts' },
        rawArguments: '{"path":"a.ts"}'
      },
      { type: 'tool_call', id: 'call_2', name: 'shell', rawArguments: '{"cmd":"ls"}' }
    ]
  },
  { role: 'tool', toolCallId: 'call_1', content: 'export {}' },
  { role: 'tool', toolCallId: 'call_2', content: 'no such dir', isError: true },
  { role: 'user', content: [{ type: 'text', text: 'Go on.' }] }
];

const request: LlmRequest = {
  model: 'm',
  system: 'You are careful.',
  messages: conversation,
  tools: [readFile, shell],
  toolChoice: 'auto',
  maxTokens: 2000,
  temperature: 0.2,
  reasoningEffort: 'high',
  stopSequences: ['END']
};

describe('anthropicBody', () => {
  it('merges tool results into one user turn and marks three cache breakpoints', () => {
    const body = anthropicBody(request, 4096);
    expect(body.system).toEqual([
      { type: 'text', text: 'You are careful.', cache_control: { type: 'ephemeral' } }
    ]);
    expect(body.tools?.map((t) => 'cache_control' in t && t.cache_control)).toEqual([
      false,
      { type: 'ephemeral' }
    ]);
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Fix the bug.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Look first.', signature: 'sig-1' },
          { type: 'text', text: 'Reading both.' },
          { type: 'tool_use', id: 'call_1', name: 'read_file', input: { path: 'a.ts' } },
          { type: 'tool_use', id: 'call_2', name: 'shell', input: { cmd: 'ls' } }
        ]
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: 'export {}' },
          { type: 'tool_result', tool_use_id: 'call_2', content: 'no such dir', is_error: true },
          { type: 'text', text: 'Go on.', cache_control: { type: 'ephemeral' } }
        ]
      }
    ]);
    expect(body).toMatchObject({
      max_tokens: 2000,
      temperature: 0.2,
      stop_sequences: ['END'],
      tool_choice: { type: 'auto' },
      output_config: { effort: 'high' }
    });
  });

  it('marks nothing with cache: false, and sends the default max_tokens', () => {
    const body = anthropicBody({ ...request, cache: false, maxTokens: undefined }, 4096);
    expect(JSON.stringify(body)).not.toContain('cache_control');
    expect(body.max_tokens).toBe(4096);
  });

  it.each([
    ['none', { type: 'none' }],
    ['required', { type: 'any' }],
    [{ name: 'shell' }, { type: 'tool', name: 'shell' }]
  ] as const)('maps tool choice %j', (choice, wire) => {
    expect(anthropicBody({ ...request, toolChoice: choice }, 4096).tool_choice).toEqual(wire);
  });

  it('passes redacted thinking back verbatim and drops reasoning it cannot replay', () => {
    const body = anthropicBody(
      {
        model: 'm',
        cache: false,
        messages: [
          { role: 'user', content: 'q' },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: '', redactedData: 'opaque' },
              { type: 'reasoning', text: 'no signature' },
              { type: 'text', text: 'a' }
            ]
          }
        ]
      },
      4096
    );
    expect(body.messages[1]?.content).toEqual([
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'a' }
    ]);
  });
});

describe('responsesBody', () => {
  it('puts the system prompt in instructions and tool traffic in top-level items', () => {
    const body = responsesBody(request);
    expect(body.instructions).toBe('You are careful.');
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Fix the bug.' }] },
      { type: 'message', role: 'assistant', content: 'Reading both.' },
      { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}' },
      { type: 'function_call', call_id: 'call_2', name: 'shell', arguments: '{"cmd":"ls"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'export {}' },
      { type: 'function_call_output', call_id: 'call_2', output: 'no such dir' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Go on.' }] }
    ]);
    expect(body.tools).toEqual([
      {
        type: 'function',
        name: 'read_file',
        description: 'Read a file',
        parameters: readFile.parameters,
        strict: false
      },
      {
        type: 'function',
        name: 'shell',
        description: 'Run a command',
        parameters: shell.parameters,
        strict: false
      }
    ]);
    expect(body).toMatchObject({
      max_output_tokens: 2000,
      temperature: 0.2,
      reasoning: { effort: 'high' },
      tool_choice: 'auto'
    });
  });

  it('names a forced tool, and sends no tool choice without tools', () => {
    expect(responsesBody({ ...request, toolChoice: { name: 'shell' } }).tool_choice).toEqual({
      type: 'function',
      name: 'shell'
    });
    expect(responsesBody({ ...request, tools: [] })).not.toHaveProperty('tool_choice');
  });
});

describe('chatBody', () => {
  it('sends system first, tool calls on the assistant message, one tool message per result', () => {
    const body = chatBody(request);
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are careful.' },
      { role: 'user', content: 'Fix the bug.' },
      {
        role: 'assistant',
        content: 'Reading both.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'read_file', arguments: '{"path":"a.ts"}' }
          },
          { id: 'call_2', type: 'function', function: { name: 'shell', arguments: '{"cmd":"ls"}' } }
        ]
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'export {}' },
      { role: 'tool', tool_call_id: 'call_2', content: 'no such dir' },
      { role: 'user', content: 'Go on.' }
    ]);
    expect(body).toMatchObject({
      max_tokens: 2000,
      temperature: 0.2,
      stop: ['END'],
      reasoning_effort: 'high',
      tool_choice: 'auto'
    });
    expect(chatBody({ ...request, toolChoice: { name: 'shell' } }).tool_choice).toEqual({
      type: 'function',
      function: { name: 'shell' }
    });
  });

  it('sends null content for an assistant turn that only calls tools', () => {
    const body = chatBody({
      model: 'm',
      messages: [
        {
          role: 'assistant',
          content: [{ type: 'tool_call', id: 'c', name: 'shell', rawArguments: '{}' }]
        }
      ]
    });
    expect(body.messages[0]).toMatchObject({ role: 'assistant', content: null });
  });
});
