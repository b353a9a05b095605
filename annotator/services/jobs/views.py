"""What a page shows of a job: plain values for the templates, and the "no worker" warning."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import N_, Phrase, Plural, english_words
from ...models import ACTIVE_STATES, Job, Project, User
from .recovery import workers_alive
from .results import result_path
from .settings import queue_of, settings_of

KIND_NAMES = {"agreement": N_("Agreement"), "export": N_("Export"), "import": N_("Import"),
              "adjudicate": N_("Automatic adjudication"), "gamma": N_("Gamma"),
              "recommenders": N_("Recommender training")}
# A job of a format names it after its kind: "Export (XLSX)". Whole titles, not "{kind} ({format})":
# French names the job with a noun (« Exportation ») where its button says the verb (« Exporter »).
FORMAT_TITLES = {"export": N_("Export ({format})")}


@dataclass(frozen=True)
class JobView:
    public_id: str
    kind: str
    title: Phrase  # its English words as a string; said in the reader's language on the page
    state: str
    owner: str | None
    project: str | None
    done: int
    total: int | None
    note: str | None
    error: str | None
    result_name: str | None
    downloadable: bool
    expires_at: datetime | None
    created_at: datetime
    result: dict | None

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def note_counts(self) -> bool:
        """The note says the counts itself ("3 of 12 steps"): the page shows them once."""
        return counts_in(self.note)

    @property
    def english_note(self) -> str | None:
        """The note and the error as the API and the CLI say them; a page reads them in its language."""
        return english_words(self.note)

    @property
    def english_error(self) -> str | None:
        return english_words(self.error)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return max(0, min(100, int(100 * self.done / self.total)))


def counts_in(note: str | None) -> bool:
    return bool(note) and "{done}" in note


def fill_note(note: str, done: str, total: str) -> str:
    """A progress note (an English msgid, or its translation) with the job's own counts in its
    {done} and {total}: replaced, not str.format, as an older note may hold any braces."""
    return note.replace("{done}", done).replace("{total}", total)


def job_views(session: Session, jobs: list[Job]) -> list[JobView]:
    """Views of the jobs, with owners and projects read in two queries, whatever the count."""
    user_ids = {j.owner_id for j in jobs if j.owner_id}
    project_ids = {j.project_id for j in jobs if j.project_id}
    users = {row.id: row.username for row in session.execute(
        select(User.id, User.username).where(User.id.in_(user_ids)))} if user_ids else {}
    projects = {row.id: row.name for row in session.execute(
        select(Project.id, Project.name).where(Project.id.in_(project_ids)))} if project_ids else {}
    settings = settings_of(session)
    views = []
    for job in jobs:
        fmt = (job.params or {}).get("format")
        title = job_title(job.kind, fmt)
        views.append(JobView(
            public_id=job.public_id, kind=job.kind, title=title, state=job.state, owner=users.get(job.owner_id),
            project=projects.get(job.project_id), done=job.progress_done, total=job.progress_total,
            note=job.progress_note, error=job.error, result_name=job.result_name,
            downloadable=job.state == "done" and result_path(settings, job) is not None,
            expires_at=job.expires_at, created_at=job.created_at, result=job.result))
    return views


def job_title(kind: str, fmt: str | None) -> Phrase:
    if fmt and kind in FORMAT_TITLES:
        return Phrase(FORMAT_TITLES[kind], format=fmt.upper())
    return Phrase(KIND_NAMES.get(kind, kind))  # a kind the catalogs do not know reads as it is


def job_view(session: Session, job: Job) -> JobView:
    return job_views(session, [job])[0]


def worker_warning(session: Session, views: list[JobView]) -> Phrase | None:
    """Said plainly on every page that shows waiting jobs while no worker runs them."""
    waiting = sum(1 for v in views if v.state == "queued")
    if not waiting or queue_of(session).immediate or workers_alive(session, settings_of(session)):
        return None
    return Plural("No worker is running: {count} job is waiting and will not start until one runs "
                  "(`annotator worker`, or `make run`, which starts one).",
                  "No worker is running: {count} jobs are waiting and will not start until one runs "
                  "(`annotator worker`, or `make run`, which starts one).", waiting)
