import OpenAI from 'openai';
import type { Secret } from '../common/secret.js';
import type { Fetch } from './llm-http-fetch.js';
import { MAX_TIMER_MS } from './system-clock.js';

/**
 * An OpenAI SDK client for one call, with every option the SDK would otherwise take from the environment or
 * its defaults passed explicitly (style.md §4.5): no SDK retries (the engine's retry policy is the one
 * owner, docs/decisions/0008), no SDK timeout (the Clock-driven deadlines own time; the SDK's real timer is
 * pushed out of reach), no logging, no organization/project/admin headers, and our byte-counting fetch.
 * Building one per call costs ~0.1 ms and ties the fetch to that call's deadlines. (The SDK still adds
 * headers from OPENAI_CUSTOM_HEADERS, which no option turns off.)
 */
export function openAiSdkClient(apiKey: Secret, baseUrl: string, fetch: Fetch): OpenAI {
  return new OpenAI({
    apiKey: apiKey.reveal(),
    baseURL: baseUrl,
    maxRetries: 0,
    timeout: MAX_TIMER_MS,
    fetch,
    logLevel: 'off',
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null
  });
}
