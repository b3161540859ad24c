import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { throttling } from '@octokit/plugin-throttling';
import { lightThrottleLimiters } from './light-throttle-limiters.js';
import { retryServerErrors } from './retry-server-errors.js';
import { spaceWrites } from './space-writes.js';
import { stopWrites } from './stop-writes.js';

/**
 * The one Octokit class labelbot uses: writes stopped by their signal, pagination, retry of 5xx, throttling on
 * rate limits, per-installation write spacing. Order matters: the first plugin's hook runs closest to the send.
 */
export const LabelbotOctokit = Octokit.plugin(
  stopWrites,
  paginateRest,
  retryServerErrors,
  lightThrottleLimiters,
  throttling,
  spaceWrites,
);

/** An Octokit instance of {@link LabelbotOctokit} (App- or installation-authenticated). */
export type LabelbotOctokit = InstanceType<typeof LabelbotOctokit>;
