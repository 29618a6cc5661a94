import { api, el, notice, show } from './common.js';
import { recentJobs, rememberJob } from './jobs-store.js';

const form = document.getElementById('ask-form');
const button = document.getElementById('ask-button');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const request = document.getElementById('request').value;
  if (!request.trim()) {
    notice('ask-status', 'Write a request first.', 'error');
    return;
  }
  button.disabled = true;
  notice('ask-status', 'Creating your job…');
  try {
    const { body } = await api('POST', '/api/jobs', { body: { request } });
    rememberJob(body.jobId, body.accessToken);
    window.location.assign(`/jobs/${encodeURIComponent(body.jobId)}`);
  } catch (e) {
    notice('ask-status', `Could not create the job: ${e.message}`, 'error');
    button.disabled = false;
  }
});

const recent = recentJobs();
if (recent.length) {
  show('recent', el('ul', {}, recent.map(([id, job]) => el('li', {},
    el('a', { href: `/jobs/${encodeURIComponent(id)}` }, `Job of ${new Date(job.createdAt).toLocaleString()}`)))));
}
