# gunicorn 19 configuration for vesemir (Python 2.7).
#   gunicorn -c gunicorn.conf.py vesemir.app:application
# Command-line options (-b, -w, --timeout, ...) override the values below.
import os

bind = os.environ.get('VESEMIR_BIND', '127.0.0.1:8080')
workers = int(os.environ.get('VESEMIR_WORKERS', '2'))
worker_class = 'sync'          # each worker installs gunicorn's own SIGTERM handler (graceful exit)
timeout = 120                  # playbooks can be slow
graceful_timeout = 15
keepalive = 2
accesslog = '-'
errorlog = '-'
loglevel = 'info'
proc_name = 'vesemir'


def post_fork(server, worker):
    server.log.info("vesemir worker spawned (pid: %s)", worker.pid)


def worker_exit(server, worker):
    server.log.info("vesemir worker exiting (pid: %s)", worker.pid)
