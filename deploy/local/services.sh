#!/usr/bin/env bash
# Starts the machine's PostgreSQL, Redis and RabbitMQ when they are installed but not running,
# and installs them from Debian's packages when missing. Servers given by DATABASE_URL,
# REDIS_URL or AMQP_URL on other hosts are left alone.
set -euo pipefail

SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
    local name=$1 port=$2
    for _ in $(seq 1 60); do listening "$port" && return 0; sleep 1; done
    echo "services.sh: $name did not start on port $port" >&2; return 1
}

is_local() { [[ -z "${1:-}" || "$1" == *"127.0.0.1"* || "$1" == *"localhost"* ]]; }

start_postgres() {
    listening 5432 && return 0
    echo "starting PostgreSQL"
    local version; version="$(ls /etc/postgresql | sort -V | tail -1)"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
    wait_port PostgreSQL 5432
}

start_redis() {
    listening 6379 && return 0
    echo "starting Redis"
    $SUDO mkdir -p /var/lib/redis /var/log/redis
    $SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
        --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_port Redis 6379
}

start_rabbitmq() {
    listening 5672 && return 0
    echo "starting RabbitMQ"
    $SUDO rabbitmq-server -detached
    wait_port RabbitMQ 5672
}

# The broker's own Prometheus endpoint (:15692): queue depths, consumers, unacked messages.
# Enabling is online and idempotent; the running node picks it up without a restart.
enable_rabbitmq_metrics() {
    $SUDO rabbitmq-plugins list -e -m 2>/dev/null | grep -qx rabbitmq_prometheus && return 0
    echo "enabling RabbitMQ's rabbitmq_prometheus plugin"
    $SUDO rabbitmq-plugins enable --quiet rabbitmq_prometheus
}

bash "$(dirname "$0")/packages.sh" \
    pg_ctlcluster:postgresql redis-server:redis-server rabbitmq-server:rabbitmq-server
is_local "${DATABASE_URL:-}" && start_postgres
is_local "${REDIS_URL:-}" && start_redis
is_local "${AMQP_URL:-}" && start_rabbitmq && enable_rabbitmq_metrics
echo "PostgreSQL, Redis and RabbitMQ are up"
