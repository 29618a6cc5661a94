// The browser's jobs: id → access token (shown once by the server, needed for the refund claim). Never in a URL.
const KEY = 'lnjobs.jobs';

function all() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || {};
  } catch {
    return {};
  }
}

export function rememberJob(jobId, accessToken) {
  const jobs = all();
  jobs[jobId] = { accessToken, createdAt: new Date().toISOString() };
  localStorage.setItem(KEY, JSON.stringify(jobs));
}

export function jobToken(jobId) {
  return all()[jobId]?.accessToken || null;
}

export function recentJobs() {
  return Object.entries(all()).sort((a, b) => b[1].createdAt.localeCompare(a[1].createdAt)).slice(0, 10);
}
