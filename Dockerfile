# The Alliance web image: the same image runs the web processes (gunicorn), the
# background worker and the one-off migrations; see docker-compose.yml.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=0 \
    PORT=8000

WORKDIR /app
RUN useradd --system --create-home --uid 10001 alliance \
    && mkdir -p /srv/alliance/published && chown alliance /srv/alliance/published

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir alliance events speakers registration \
    && pip install ".[s3]" \
    && pip uninstall -y alliance \
    && rm -rf alliance events speakers registration build *.egg-info

COPY --chown=alliance:alliance . .

# Static files are collected at build time into the image: compressed, with hashed
# names, and served by WhiteNoise. The key below exists only for this step.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input --verbosity 0

USER alliance
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "alliance.wsgi"]
