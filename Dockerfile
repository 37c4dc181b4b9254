# One image for web, worker and beat (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 VAR_DIR=/app/var
WORKDIR /app

RUN useradd --create-home --uid 1000 festival
# pg_dump and pg_restore for manage.py backup and restore, of the server's major version (16,
# docker-compose.yml): bookworm's own are 15, and pg_dump refuses a newer server. They come from
# the PostgreSQL project's apt repository, whose key postgresql-common ships.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-16 \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY . .
RUN pip install '.[sentry]' \
    && DEBUG=false SECRET_KEY=build-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
       SITE_URL=http://build.invalid \
       python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/private /app/var/backups && chown -R festival:festival /app/var

USER festival
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
