/** Exit codes: 0 success (the run converged), 1 a run did not converge, 2 a usage error. */
export const exitCodes = { ok: 0, notConverged: 1, usage: 2 } as const;
