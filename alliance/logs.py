"""The logging configuration: one JSON object a line for the platform's collector."""


def logging_config(*, format: str, level: str) -> dict:
    """stdout only; ``format`` "json" in production, "text" for a local run."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level"},
            },
            "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": format,
            }
        },
        "root": {"handlers": ["console"], "level": level},
    }
