// Runs the fkyeah Attractor conformance cases (../shared/conformance/fkyeah, see its MANIFEST.md) against a
// CLI, black-box: exit codes, files in the run directory, stdout/stderr text. The assertions are written
// here from the manifest's description of each case; no harness code is reused.
//
//   node scripts/conformance-fkyeah.mjs [--bin "node dist/cli.js"] [--only 03-execution/11] [--jobs 4]
//                                       [--dir PATH] [--keep]
//
// Prints `PASS|FAIL|SKIP <case> — <reason>` per case and `fkyeah: N passed, N failed, N skipped (of 60)`.
// Exit 1 when a case failed. Exit 0 with a message when the fixture folder does not exist.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(import.meta.dirname, '..');
const TOTAL = 60;
const CASE_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------------------
// Command line

function usage(message) {
  console.error(`conformance-fkyeah: ${message}`);
  console.error(
    'usage: node scripts/conformance-fkyeah.mjs [--bin "node dist/cli.js"] [--only CASE[,CASE]] [--jobs N] [--dir PATH] [--keep]'
  );
  process.exit(2);
}

/** Splits a command line on spaces, honouring '…' and "…" quotes (enough for a --bin value). */
function splitWords(text) {
  const words = [];
  let word = '';
  let quote = '';
  let started = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += ch;
      started = true;
    }
  }
  if (quote) usage(`unbalanced quote in --bin '${text}'`);
  if (started) words.push(word);
  return words;
}

function parseOptions(argv) {
  const options = {
    bin: [process.execPath, join(ROOT, 'dist', 'cli.js')],
    only: [],
    jobs: 4,
    dir: process.env.FKYEAH_DIR ?? resolve(ROOT, '..', 'shared', 'conformance', 'fkyeah'),
    keep: false
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) usage(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--bin': {
        let words = splitWords(value());
        if (words.length === 0) usage('--bin is empty');
        // `npx tool …` looks the tool up from the cwd, which is a temp dir here: use the caller's copy.
        const local =
          words[0] === 'npx' && words[1] ? resolve('node_modules', '.bin', words[1]) : '';
        if (local && existsSync(local)) words = [local, ...words.slice(2)];
        // Relative paths in the command (dist/cli.js) are resolved against the caller's cwd, because every
        // case runs in its own temp directory.
        options.bin = words.map((w, index) =>
          index > 0 && !isAbsolute(w) && existsSync(resolve(w)) ? resolve(w) : w
        );
        if (!isAbsolute(options.bin[0]) && options.bin[0].includes('/'))
          options.bin[0] = resolve(options.bin[0]);
        break;
      }
      case '--only':
        options.only.push(...value().split(',').filter(Boolean));
        break;
      case '--jobs': {
        const jobs = Number(value());
        if (!Number.isInteger(jobs) || jobs < 1) usage('--jobs expects a positive integer');
        options.jobs = jobs;
        break;
      }
      case '--dir':
        options.dir = resolve(value());
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--help':
      case '-h':
        console.log(
          'usage: node scripts/conformance-fkyeah.mjs [--bin "node dist/cli.js"] [--only CASE[,CASE]] [--jobs N] [--dir PATH] [--keep]'
        );
        process.exit(0);
        break;
      default:
        usage(`unknown argument '${arg}'`);
    }
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------------
// Outcomes and checks

class CaseFailure extends Error {}
class CaseSkip extends Error {}

const fail = (message) => {
  throw new CaseFailure(message);
};

function check(condition, message) {
  if (!condition) fail(message);
}

function expectExit(result, codes, what = 'the run') {
  const allowed = Array.isArray(codes) ? codes : [codes];
  if (result.timedOut) fail(`${what} did not finish within ${result.ms} ms (killed)`);
  if (!allowed.includes(result.code)) {
    const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-3).join(' | ');
    fail(
      `${what} exited ${result.code ?? result.signal}, expected ${allowed.join(' or ')}${tail ? `: ${tail.slice(0, 300)}` : ''}`
    );
  }
}

/** True when `expected` appears in `list` in this order (other entries may come in between). */
function inOrder(list, expected) {
  let at = 0;
  for (const item of list) if (item === expected[at]) at++;
  return at === expected.length;
}

const show = (value) => JSON.stringify(value);

// ---------------------------------------------------------------------------------------------------------
// One case's sandbox: a temp dir holding a copy of the fixture's .dot files; the CLI runs with that cwd.

class Sandbox {
  constructor(options, caseDir, tmp) {
    this.options = options;
    this.caseDir = caseDir;
    this.tmp = tmp;
    this.logs = join(tmp, 'logs');
  }

  static async create(options, caseDir) {
    const tmp = await realpath(await mkdtemp(join(tmpdir(), 'fk-')));
    if (existsSync(caseDir)) {
      for (const name of readdirSync(caseDir)) {
        if (name.endsWith('.dot')) await copyFile(join(caseDir, name), join(tmp, name));
      }
    }
    return new Sandbox(options, caseDir, tmp);
  }

  /** Runs the CLI with these arguments; never rejects. Output has the sandbox path replaced by <TMP>. */
  run(args, { timeoutMs = CASE_TIMEOUT_MS, onSpawn } = {}) {
    const [command, ...prefix] = this.options.bin;
    const started = Date.now();
    return new Promise((done) => {
      const child = spawn(command, [...prefix, ...args], {
        cwd: this.tmp,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe']
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      onSpawn?.(child);
      const finish = (code, signal, error) => {
        clearTimeout(timer);
        const redact = (text) => text.split(this.tmp).join('<TMP>');
        done({
          code,
          signal,
          timedOut,
          ms: Date.now() - started,
          stdout: redact(stdout),
          stderr: redact(stderr + (error ? `\n${error.message}` : ''))
        });
      };
      child.on('error', (error) => finish(null, null, error));
      child.on('close', (code, signal) => finish(code, signal));
    });
  }

  /** `$BIN <file> --simulate --auto-approve --quiet --logs <DIR>` */
  runPipeline(file = 'pipeline.dot', logs = this.logs, extra = {}) {
    return this.run([file, '--simulate', '--auto-approve', '--quiet', '--logs', logs], extra);
  }

  /** `$BIN --validate <file>` */
  validate(file = 'pipeline.dot') {
    return this.run(['--validate', file]);
  }

  /** `$BIN --resume <DIR> <file> --simulate --auto-approve --quiet` */
  resume(file = 'pipeline.dot', logs = this.logs) {
    return this.run(['--resume', logs, file, '--simulate', '--auto-approve', '--quiet']);
  }

  path(...parts) {
    return join(this.logs, ...parts);
  }

  exists(...parts) {
    return existsSync(this.path(...parts));
  }

  requireFile(...parts) {
    const rel = join(...parts);
    check(this.exists(...parts), `LOGS/${rel} does not exist`);
    return this.path(...parts);
  }

  async text(...parts) {
    return readFile(this.requireFile(...parts), 'utf8');
  }

  async json(...parts) {
    const text = await this.text(...parts);
    try {
      return JSON.parse(text);
    } catch (error) {
      return fail(`LOGS/${join(...parts)} is not valid JSON: ${error.message}`);
    }
  }

  async checkpoint(...dir) {
    const cp = await this.json(...dir, 'checkpoint.json');
    check(cp !== null && typeof cp === 'object', 'checkpoint.json is not a JSON object');
    return cp;
  }

  async completed(...dir) {
    const cp = await this.checkpoint(...dir);
    check(Array.isArray(cp.completed_nodes), 'checkpoint.json has no completed_nodes array');
    return cp.completed_nodes;
  }

  async expectCompleted(expected, { absent = [] } = {}) {
    const nodes = await this.completed();
    check(
      inOrder(nodes, expected),
      `completed_nodes ${show(nodes)} does not contain ${expected.join(',')} in order`
    );
    for (const id of absent)
      check(!nodes.includes(id), `completed_nodes ${show(nodes)} contains '${id}'`);
    return nodes;
  }

  async context() {
    const cp = await this.checkpoint();
    check(
      cp.context !== null && typeof cp.context === 'object' && !Array.isArray(cp.context),
      'checkpoint.json has no context object'
    );
    return cp.context;
  }

  async outcome(id) {
    const cp = await this.checkpoint();
    check(
      cp.node_outcomes !== null && typeof cp.node_outcomes === 'object',
      'checkpoint.json has no node_outcomes object'
    );
    const entry = cp.node_outcomes[id];
    check(entry !== undefined, `checkpoint.json node_outcomes has no entry for '${id}'`);
    return entry;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The 60 cases. Each `run` throws CaseFailure/CaseSkip or returns an optional note for the PASS line.

/** A run that must exit 0, then `then(box)` for further checks. */
const runs = (then) => async (box) => {
  const result = await box.runPipeline();
  expectExit(result, 0);
  return then ? then(box, result) : undefined;
};

/** `--validate` must exit `code` and its output must match every pattern. */
const validates =
  (code, ...patterns) =>
  async (box) => {
    const result = await box.validate();
    expectExit(result, code, '--validate');
    const output = result.stdout + result.stderr;
    for (const pattern of patterns)
      check(pattern.test(output), `--validate output does not match ${pattern}`);
  };

/** A run that must exit 0 and complete these nodes in this order (and not the `absent` ones). */
const routes = (expected, absent = []) =>
  runs(async (box) => {
    await box.expectCompleted(expected, { absent });
  });

const CASES = [
  // 01-parsing: the DOT subset parses and the pipeline runs to its exit.
  ['01-parsing/01-minimal', runs()],
  ['01-parsing/02-linear', routes(['start', 'step1', 'step2', 'step3', 'done'])],
  ['01-parsing/03-attributes', runs()],
  ['01-parsing/04-chained-edges', routes(['start', 'a', 'b', 'c', 'done'])],
  ['01-parsing/05-comments', runs()],
  [
    '01-parsing/06-comments-in-strings',
    runs(async (box) => {
      const prompt = await box.text('work', 'prompt.md');
      check(
        prompt.includes('// for comments') && prompt.includes('/* block */'),
        `comment markers inside the quoted prompt were not kept: ${show(prompt)}`
      );
    })
  ],
  ['01-parsing/07-subgraph', routes(['start', 'a', 'b', 'done'])],
  ['01-parsing/08-defaults', routes(['start', 'a', 'b', 'done'])],
  [
    '01-parsing/09-escaped-strings',
    runs(async (box) => {
      const prompt = await box.text('work', 'prompt.md');
      check(
        prompt.includes('Line one\nLine two\tTabbed\nQuote: "hello"'),
        `escapes were not decoded in the prompt: ${show(prompt)}`
      );
    })
  ],

  // 02-validation: `--validate` diagnostics and synopsis.
  ['02-validation/01-missing-start', validates(1, /Mdiamond/)],
  ['02-validation/02-missing-exit', validates(1, /Msquare/)],
  ['02-validation/03-orphan-node', validates(1, /orphan/)],
  ['02-validation/04-dead-end', validates(1, /deadend/)],
  ['02-validation/05-no-path-to-exit', validates(1, /terminal|exit|reach/i)],
  ['02-validation/06-start-incoming', validates(1)],
  ['02-validation/07-exit-outgoing', validates(1)],
  ['02-validation/08-valid-pipeline', validates(0)],
  ['02-validation/09-synopsis-planning', validates(0, /PLANNING/)],
  ['02-validation/10-synopsis-execution', validates(0, /EXECUTION|HYBRID/)],
  ['02-validation/11-synopsis-hybrid', validates(0, /HYBRID/)],
  ['02-validation/12-multiple-exits', validates(1, /found 2/)],

  // 03-execution
  [
    '03-execution/01-start-to-exit',
    runs((box) => {
      box.requireFile('manifest.json');
    })
  ],
  [
    '03-execution/02-linear-3-node',
    runs(async (box) => {
      await box.expectCompleted(['start', 'step1', 'step2']);
      for (const id of ['step1', 'step2'])
        check(box.exists(id) && statSync(box.path(id)).isDirectory(), `LOGS/${id}/ is missing`);
    })
  ],
  [
    '03-execution/03-conditional-routing',
    routes(['start', 'work', 'check', 'success'], ['failure'])
  ],
  [
    '03-execution/04-tool-success',
    runs(async (box) => {
      const out = await box.text('tool', 'tool_output.txt');
      check(out.includes('tool-output-value'), `tool_output.txt is ${show(out)}`);
    })
  ],
  [
    '03-execution/05-tool-failure',
    async (box) => {
      expectExit(await box.runPipeline(), 1);
    }
  ],
  [
    '03-execution/06-tool-timeout',
    async (box) => {
      // The case writes its own pipeline: a 1 s timeout around `sleep 3`. Either outcome passes; the CLI
      // must finish on its own with a pipeline result.
      await writeFile(
        join(box.tmp, 'timeout.dot'),
        'digraph tool_timeout {\n  start [shape=Mdiamond]\n  tool [shape=parallelogram, tool_command="sleep 3", timeout="1s"]\n  done [shape=Msquare]\n  start -> tool -> done\n}\n'
      );
      const result = await box.runPipeline('timeout.dot');
      expectExit(result, [0, 1]);
      return `exit ${result.code} after ${(result.ms / 1000).toFixed(1)} s`;
    }
  ],
  [
    '03-execution/07-tool-prompt-file',
    runs(async (box) => {
      box.requireFile('tool', 'prompt.txt');
      const out = await box.text('tool', 'tool_output.txt');
      check(
        out.includes('Hello from prompt'),
        `the tool did not read ATTRACTOR_PROMPT_FILE: tool_output.txt is ${show(out)}`
      );
    })
  ],
  [
    '03-execution/08-tool-env-vars',
    runs(async (box) => {
      const out = (await box.text('tool', 'tool_output.txt')).trim();
      const match = /^STAGE=(\S*) NODE=(\S*)$/.exec(out);
      check(match !== null, `tool_output.txt is ${show(out)}`);
      check(match[2] === 'tool', `ATTRACTOR_NODE_ID was ${show(match[2])}, expected "tool"`);
      const stage = match[1] === '' ? '' : await realpath(match[1]).catch(() => match[1]);
      check(
        stage === (await realpath(box.path('tool'))),
        `ATTRACTOR_STAGE_DIR was ${show(match[1])}, expected LOGS/tool`
      );
    })
  ],
  [
    '03-execution/09-goal-gate-pass',
    runs(async (box) => {
      const status = await box.json('gated', 'status.json');
      check(status.outcome === 'success', `gated/status.json outcome is ${show(status.outcome)}`);
    })
  ],
  [
    '03-execution/10-goal-gate-fail',
    async (box) => {
      const result = await box.runPipeline();
      expectExit(result, 1);
      // File names are redacted (the pipeline is pipeline.dot in <TMP>), so only the CLI's own words count.
      const output = result.stdout + result.stderr;
      check(
        /goal|gate/i.test(output),
        `the output does not mention the goal gate: ${show(output)}`
      );
    }
  ],
  [
    '03-execution/11-retry-attribute',
    async (box) => {
      const result = await box.runPipeline();
      expectExit(result, 0);
      const attempts = (
        await readFile(join(box.logs, 'retry-attempt-count'), 'utf8').catch(() => '')
      ).trim();
      check(attempts === '3', `LOGS/retry-attempt-count is ${show(attempts)}, expected 3 attempts`);
      check(
        result.ms >= 3000,
        `the run took ${result.ms} ms; three 1 s attempts need at least 3 s`
      );
      const work = await box.outcome('work');
      check(work.status === 'success', `node_outcomes.work.status is ${show(work.status)}`);
      return `3 attempts in ${(result.ms / 1000).toFixed(1)} s`;
    }
  ],
  ['03-execution/12-auto-approve', routes(['start', 'gate', 'proceed'])],
  [
    '03-execution/13-ruby-modifier-conditional',
    async (box) => {
      const script = process.env.EXTRACT_RUN;
      const ruby = spawnSync('ruby', ['--version'], { stdio: 'ignore' });
      if (!script || !existsSync(script) || ruby.status !== 0)
        throw new CaseSkip(
          "needs ruby and the suite's 07-models/extract-run.sh (set EXTRACT_RUN), which are not here"
        );
      expectExit(await box.runPipeline(), 0);
    }
  ],
  [
    '03-execution/14-loop-restart-context',
    runs(async (box) => {
      const cp = await box.checkpoint('restart-1');
      const context = cp.context ?? {};
      check(
        context.last_stage !== 'seed',
        `restart-1/checkpoint.json context still holds last_stage=seed from before the restart`
      );
      const nodes = cp.completed_nodes ?? [];
      check(
        !nodes.includes('leaked'),
        `the restarted run took the leaked-context branch: ${show(nodes)}`
      );
      check(nodes.includes('done'), `the restarted run did not reach done: ${show(nodes)}`);
    })
  ],
  [
    '03-execution/15-auto-status',
    runs(async (box) => {
      const tool = await box.outcome('tool');
      check(tool.status === 'success', `node_outcomes.tool.status is ${show(tool.status)}`);
      check(
        String(tool.notes ?? '').includes('auto_status synthesized success'),
        `node_outcomes.tool.notes is ${show(tool.notes)}`
      );
      check(!box.exists('tool', 'status.json'), 'LOGS/tool/status.json exists');
    })
  ],
  ['03-execution/16-checkpoint-resume', checkpointResume],
  [
    '03-execution/17-model-stylesheet',
    runs((box) => {
      for (const id of ['node_default', 'node_class', 'node_override'])
        box.requireFile(id, 'status.json');
    })
  ],
  [
    '03-execution/18-goal-gate-partial-success',
    runs(async (box) => {
      const gated = await box.outcome('gated');
      check(
        gated.status === 'partial_success',
        `node_outcomes.gated.status is ${show(gated.status)}`
      );
    })
  ],
  [
    '03-execution/19-goal-expansion',
    runs(async (box) => {
      const prompt = await box.text('code', 'prompt.md');
      check(prompt.includes('Build widget'), `code/prompt.md is ${show(prompt)}`);
    })
  ],
  [
    '03-execution/20-max-visits',
    async (box) => {
      const result = await box.runPipeline();
      expectExit(result, 1);
      check(
        result.stderr.includes('exceeded max_visits'),
        `stderr does not say 'exceeded max_visits': ${show(result.stderr.slice(0, 300))}`
      );
    }
  ],
  [
    '03-execution/21-tool-hooks',
    runs(async (box) => {
      const pre = (await box.text('tool', 'pre-hook.txt')).trim();
      const post = (await box.text('tool', 'post-hook.txt')).trim();
      check(pre === 'shell:tool', `pre-hook.txt is ${show(pre)}, expected "shell:tool"`);
      check(post === 'shell:tool:0', `post-hook.txt is ${show(post)}, expected "shell:tool:0"`);
    })
  ],
  [
    '03-execution/22-gate-question-types',
    runs(async (box) => {
      box.requireFile('free', 'prompt.md');
      box.requireFile('free', 'response.md');
      const context = await box.context();
      for (const key of ['human.gate.selected', 'human.gate.label'])
        check(key in context, `checkpoint context has no '${key}'`);
    })
  ],
  ['03-execution/23-manager-loop', managerLoop],

  // 04-context
  [
    '04-context/01-context-propagation',
    runs(async (box) => {
      await box.context();
    })
  ],
  ['04-context/02-condition-equals', routes(['start', 'work', 'check', 'yes'])],
  ['04-context/03-condition-not-equals', routes(['start', 'work', 'check', 'good'])],
  ['04-context/04-condition-and', routes(['start', 'tool', 'check', 'both'])],
  ['04-context/05-context-variable', routes(['start', 'step1', 'check', 'found'])],
  ['04-context/06-empty-condition', routes(['start', 'work', 'next'])],
  [
    '04-context/07-fidelity-projection',
    runs(async (box) => {
      const projection = await box.json('sink', 'context.json');
      const long = [];
      const walk = (value, path) => {
        if (typeof value === 'string') {
          if (value.length > 500) long.push(`${path} (${value.length} chars)`);
        } else if (value !== null && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
        }
      };
      walk(projection, '');
      check(long.length === 0, `sink/context.json has values over 500 chars: ${long.join(', ')}`);
    })
  ],

  // 05-parallel
  [
    '05-parallel/01-fan-out-fan-in',
    runs(async (box) => {
      const nodes = await box.completed();
      for (const id of ['start', 'fork', 'branch1', 'join'])
        check(nodes.includes(id), `completed_nodes ${show(nodes)} has no '${id}'`);
    })
  ],
  [
    '05-parallel/02-branch-context',
    runs(async (box) => {
      await box.context();
    })
  ],
  [
    '05-parallel/03-branch-failure',
    runs(async (box) => {
      const context = await box.context();
      check(
        context['parallel.branch.ok.status'] === 'success',
        `parallel.branch.ok.status is ${show(context['parallel.branch.ok.status'])}`
      );
      check(
        context['parallel.branch.bad.status'] === 'fail',
        `parallel.branch.bad.status is ${show(context['parallel.branch.bad.status'])}`
      );
      check('parallel.fail_count' in context, 'the context has no parallel.fail_count');
    })
  ],
  [
    '05-parallel/04-branch-timeout',
    runs(async (box) => {
      const context = await box.context();
      check(
        context['parallel.branch.slow.status'] === 'fail',
        `parallel.branch.slow.status is ${show(context['parallel.branch.slow.status'])}`
      );
    })
  ],

  // 06-artifacts
  [
    '06-artifacts/01-manifest',
    runs(async (box) => {
      const manifest = await box.json('manifest.json');
      for (const key of ['name', 'goal', 'start_time'])
        check(
          typeof manifest[key] === 'string' && manifest[key] !== '',
          `manifest.json .${key} is ${show(manifest[key])}`
        );
    })
  ],
  [
    '06-artifacts/02-checkpoint',
    runs(async (box) => {
      const cp = await box.checkpoint();
      for (const key of ['timestamp', 'completed_nodes', 'context', 'node_outcomes'])
        check(key in cp, `checkpoint.json has no '${key}'`);
      const missing = cp.completed_nodes.filter((id) => !(id in cp.node_outcomes));
      check(missing.length === 0, `node_outcomes has no entry for ${missing.join(', ')}`);
    })
  ],
  [
    '06-artifacts/03-stage-files',
    runs((box) => {
      for (const name of ['prompt.md', 'response.md', 'status.json']) box.requireFile('work', name);
    })
  ],
  [
    '06-artifacts/04-tool-output',
    runs(async (box) => {
      const out = await box.text('tool', 'tool_output.txt');
      check(out.includes('hello-from-tool'), `tool_output.txt is ${show(out)}`);
    })
  ],
  [
    '06-artifacts/05-checkpoint-outcomes',
    runs(async (box) => {
      for (const id of ['start', 'step1', 'step2']) {
        const entry = await box.outcome(id);
        check(entry.status === 'success', `node_outcomes.${id}.status is ${show(entry.status)}`);
      }
    })
  ]
];

/** 03-16: stop the run while step2 sleeps, resume it; step1 must not run again and step2 must finish. */
async function checkpointResume(box) {
  let child;
  let finished = false;
  const first = box
    .runPipeline('pipeline.dot', box.logs, { onSpawn: (c) => (child = c) })
    .finally(() => (finished = true));
  const deadline = Date.now() + 10_000;
  // step2 has started once its context file has content (its directory, and an empty placeholder of
  // that file, may be made ahead while step1 runs: decision 0006); give its `sleep 5` a moment to run.
  const step2Started = () =>
    box.exists('step2', 'tool_context.json') &&
    statSync(box.path('step2', 'tool_context.json')).size > 0;
  while (!step2Started() && !finished && Date.now() < deadline) await sleep(50);
  if (!step2Started() || finished) {
    child?.kill('SIGKILL');
    const result = await first;
    const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-2).join(' | ');
    fail(
      `step2 never started while the run was alive (exit ${result.code ?? result.signal}): ${tail}`
    );
  }
  await sleep(300);
  const step1Out = box.requireFile('step1', 'tool_output.txt');
  const before = (await stat(step1Out)).mtimeMs;
  child.kill('SIGTERM');
  const stopped = await first;
  check(stopped.code !== 0, 'the interrupted run still exited 0 (it finished before the stop)');
  check(!box.exists('step2', 'step2.txt'), 'step2 finished before the stop');

  const resumed = await box.resume();
  expectExit(resumed, 0, 'the resumed run');
  const after = (await stat(step1Out)).mtimeMs;
  check(after === before, 'step1 ran again on resume (step1/tool_output.txt was rewritten)');
  box.requireFile('step2', 'step2.txt');
  const nodes = await box.completed();
  check(
    inOrder(nodes, ['start', 'step1', 'step2', 'done']),
    `completed_nodes after resume is ${show(nodes)}`
  );
  check(nodes.filter((n) => n === 'step1').length === 1, `step1 is listed twice: ${show(nodes)}`);
  return `stopped with exit ${stopped.code ?? stopped.signal}, resumed to exit 0`;
}

/** 03-23: the manager loop gives up after max_cycles; with manager.stop set in the checkpoint a resume exits 0. */
async function managerLoop(box) {
  const basicLogs = join(box.tmp, 'logs-basic');
  const [stopRun, basicRun] = await Promise.all([
    box.runPipeline('pipeline-stop.dot'),
    box.runPipeline('pipeline.dot', basicLogs)
  ]);
  for (const [name, result] of [
    ['pipeline-stop.dot', stopRun],
    ['pipeline.dot', basicRun]
  ]) {
    expectExit(result, 1, name);
    check(
      result.stderr.includes('max_cycles'),
      `${name}: stderr does not mention max_cycles: ${show(result.stderr.slice(0, 300))}`
    );
  }
  const file = box.requireFile('checkpoint.json');
  const cp = JSON.parse(await readFile(file, 'utf8'));
  check(cp.context && typeof cp.context === 'object', 'checkpoint.json has no context object');
  cp.context['manager.stop'] = true;
  await writeFile(file, JSON.stringify(cp, null, 2));
  const resumed = await box.resume('pipeline-stop.dot');
  expectExit(resumed, 0, 'the resume with manager.stop=true');
}

// ---------------------------------------------------------------------------------------------------------
// Driver

function fixtureCases(dir) {
  const found = [];
  for (const group of readdirSync(dir).sort()) {
    if (!/^\d\d-/.test(group) || !statSync(join(dir, group)).isDirectory()) continue;
    for (const name of readdirSync(join(dir, group)).sort())
      if (statSync(join(dir, group, name)).isDirectory()) found.push(`${group}/${name}`);
  }
  return found;
}

async function runCase(options, id, body) {
  const caseDir = join(options.dir, id);
  if (!existsSync(caseDir)) return { id, verdict: 'FAIL', reason: `fixture ${id} is missing` };
  const box = await Sandbox.create(options, caseDir);
  let outcome;
  try {
    const note = await body(box);
    outcome = { id, verdict: 'PASS', reason: typeof note === 'string' ? note : 'ok' };
  } catch (error) {
    if (error instanceof CaseSkip) outcome = { id, verdict: 'SKIP', reason: error.message };
    else if (error instanceof CaseFailure) outcome = { id, verdict: 'FAIL', reason: error.message };
    else outcome = { id, verdict: 'FAIL', reason: `harness error: ${error?.stack ?? error}` };
  }
  if (options.keep) outcome.reason += ` [kept ${box.tmp}]`;
  else await rm(box.tmp, { recursive: true, force: true, maxRetries: 3 });
  return outcome;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(options.dir)) {
    console.log(`fkyeah: ${options.dir} does not exist; nothing to run (skipped).`);
    return 0;
  }
  const [command] = options.bin;
  if (isAbsolute(command) && !existsSync(command)) usage(`--bin command ${command} does not exist`);
  if (
    !command.includes('/') &&
    !process.env.PATH?.split(delimiter).some((p) => existsSync(join(p, command)))
  )
    usage(`--bin command '${command}' is not on PATH`);
  for (const arg of options.bin.slice(1))
    if (arg.endsWith('.js') && !existsSync(arg))
      usage(`${arg} does not exist (run 'npm run bundle' first?)`);

  const known = new Set(CASES.map(([id]) => id));
  if (known.size !== TOTAL)
    throw new Error(`internal: ${known.size} cases defined, expected ${TOTAL}`);
  const extra = fixtureCases(options.dir).filter((id) => !known.has(id));
  for (const id of extra)
    console.log(`NOTE ${id} — fixture without an assertion here (not counted)`);

  const selected = CASES.filter(
    ([id]) => options.only.length === 0 || options.only.some((prefix) => id.startsWith(prefix))
  );
  if (selected.length === 0) usage(`--only ${options.only.join(',')} matches no case`);

  const results = new Array(selected.length);
  let printed = 0;
  const flush = () => {
    while (printed < results.length && results[printed] !== undefined) {
      const r = results[printed++];
      console.log(`${r.verdict} ${r.id} — ${r.reason}`);
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const index = next++;
      const [id, body] = selected[index];
      results[index] = await runCase(options, id, body);
      flush();
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: Math.min(options.jobs, selected.length) }, worker));
  flush();

  const count = (verdict) => results.filter((r) => r.verdict === verdict).length;
  const failed = count('FAIL');
  const bin = options.bin.map((w) => w.replace(`${ROOT}/`, '')).join(' ');
  console.log(
    `(${((Date.now() - started) / 1000).toFixed(1)} s, ${options.jobs} at a time, bin: ${bin})`
  );
  const of = selected.length === TOTAL ? `${TOTAL}` : `${selected.length} selected of ${TOTAL}`;
  console.log(
    `fkyeah: ${count('PASS')} passed, ${failed} failed, ${count('SKIP')} skipped (of ${of})`
  );
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
