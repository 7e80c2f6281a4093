/** The job summary of a run (GITHUB_STEP_SUMMARY): how it ended, stage counts, how to resume it. */
import * as core from '@actions/core';
import { formatDuration } from '../common/format-duration.js';
import type { FinishedRunResult } from '../runtime/start-run.js';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
  );
}

const HEADLINE = { success: '✅ succeeded', fail: '❌ failed', stopped: '⏸️ stopped' } as const;

export async function writeSummary(result: FinishedRunResult): Promise<void> {
  const counts = Object.entries(result.totals.stagesByStatus);
  const summary = core.summary
    .addHeading(`tracker: ${escapeHtml(result.graph.name)}`, 2)
    .addRaw(
      `<p>Pipeline <code>${escapeHtml(result.pipeline.file)}</code> ${HEADLINE[result.status]} in ${formatDuration(result.totals.durationMs, { approximate: true })} (run <code>${escapeHtml(result.runId)}</code>${result.resumed ? ', resumed' : ''}).</p>`,
      true
    )
    .addTable([
      [
        { data: 'stages run', header: true },
        ...counts.map(([status]) => ({ data: escapeHtml(status), header: true })),
        { data: 'retries', header: true }
      ],
      [
        String(result.totals.stagesStarted),
        ...counts.map(([, n]) => String(n)),
        String(result.totals.retries)
      ]
    ]);
  if (result.status === 'fail')
    summary.addRaw(
      `<p>Failed at <code>${escapeHtml(result.failedNode ?? '?')}</code>: ${escapeHtml(result.failureReason ?? '')}</p>`,
      true
    );
  if (result.status !== 'success')
    summary.addRaw('<p>Resume with:</p>', true).addCodeBlock(result.resumeCommand, 'sh');
  await summary.write();
}
