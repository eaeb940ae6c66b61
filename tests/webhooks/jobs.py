"""Running the queued webhook jobs in tests, as the worker would."""

from django_tasks_db.models import DBTaskResult

from webhooks.tasks import deliver

DELIVER = f"{deliver.func.__module__}.{deliver.func.__qualname__}"


def delivery_jobs() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=DELIVER).order_by("enqueued_at"))


def run_delivery_jobs() -> list[str]:
    """Run every queued delivery job once, oldest first, and forget it."""
    outcomes = []
    for job in delivery_jobs():
        job.delete()
        outcomes.append(deliver.call(*job.args_kwargs["args"]))
    return outcomes
