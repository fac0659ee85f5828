# -*- coding: utf-8 -*-
"""vesemir WSGI application.

    POST /deploy              {"application": "...", "version": "...", "hosts": ["..."], "delay": 0}
    GET  /deployments/<id>    the deployment record
    GET  /health
"""
import json
import os
import re
import sys
import time
import traceback
import uuid

from vesemir import settings as _settings

SETTINGS = _settings.load()          # before importing ansible: sets ANSIBLE_*_TEMP

from vesemir import notify, store
from vesemir.runner import ANSIBLE_VERSION, run_deploy

STORE = store.DeploymentStore(SETTINGS.db_path)

NAME_RE = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
MAX_DELAY = 60

STATUS_LINES = {200: '200 OK', 400: '400 Bad Request', 404: '404 Not Found',
                405: '405 Method Not Allowed', 500: '500 Internal Server Error'}


def respond(start_response, code, payload):
    body = json.dumps(payload, sort_keys=True) + '\n'
    start_response(STATUS_LINES[code], [('Content-Type', 'application/json'),
                                        ('Content-Length', str(len(body)))])
    return [body]


def read_json(environ):
    try:
        length = int(environ.get('CONTENT_LENGTH') or 0)
    except ValueError:
        length = 0
    raw = environ['wsgi.input'].read(length) if length > 0 else ''
    return json.loads(raw or '{}')


def validate(payload):
    errors = []
    if not isinstance(payload, dict):
        return ['body must be a JSON object']
    for key in ('application', 'version'):
        value = payload.get(key)
        if not isinstance(value, basestring) or not NAME_RE.match(value):
            errors.append('%s: required, letters, digits, ".", "_" or "-"' % key)
    hosts = payload.get('hosts')
    if not isinstance(hosts, list) or not hosts:
        errors.append('hosts: required, a non-empty list')
    else:
        for host in hosts:
            if not isinstance(host, basestring) or not NAME_RE.match(host):
                errors.append('hosts: invalid host name %r' % (host,))
    if payload.has_key('delay'):
        delay = payload['delay']
        if not isinstance(delay, (int, long)) or isinstance(delay, bool) or not 0 <= delay <= MAX_DELAY:
            errors.append('delay: an integer between 0 and %d' % MAX_DELAY)
    return errors


def deploy(environ, start_response):
    try:
        payload = read_json(environ)
    except ValueError, e:
        return respond(start_response, 400, {'error': 'invalid JSON: %s' % e})
    errors = validate(payload)
    if errors:
        return respond(start_response, 400, {'error': 'invalid request', 'details': errors})

    application = unicode(payload['application'])
    version = unicode(payload['version'])
    hosts = [unicode(h) for h in payload['hosts']]
    deployment_id = uuid.uuid4().hex[:16]
    started = time.time()
    STORE.create(deployment_id, application, version, hosts, os.getpid())
    print "[vesemir] deployment %s: %s %s -> %s" % (deployment_id, application, version, ','.join(hosts))

    try:
        outcome = run_deploy(SETTINGS, deployment_id, application, version, hosts,
                             delay=payload.get('delay', 0))
    except Exception, e:
        traceback.print_exc()
        STORE.finish(deployment_id, 'error', None, error=unicode(e))
        return respond(start_response, 500, {'id': deployment_id, 'status': 'error', 'error': unicode(e)})

    STORE.finish(deployment_id, outcome['status'], outcome['rc'], outcome['summary'], outcome['error'])
    record = STORE.get(deployment_id)
    notify.send(SETTINGS.notify_url, record, SETTINGS.notify_timeout)
    print "[vesemir] deployment %s finished: %s (rc=%s, %.1fs)" % (
        deployment_id, outcome['status'], outcome['rc'], time.time() - started)

    changed = 0
    for host, stats in outcome['summary'].iteritems():
        changed += stats.get('changed', 0)
    return respond(start_response, 200, {
        'id': deployment_id, 'status': outcome['status'], 'rc': outcome['rc'],
        'application': application, 'version': version, 'hosts': hosts,
        'summary': outcome['summary'], 'changed': changed, 'error': outcome['error'],
        'duration': round(time.time() - started, 2), 'worker_pid': os.getpid()})


def get_deployment(environ, start_response, deployment_id):
    record = STORE.get(deployment_id)
    if record is None:
        return respond(start_response, 404, {'error': 'no deployment %s' % deployment_id})
    return respond(start_response, 200, record)


def health(environ, start_response):
    return respond(start_response, 200, {'status': 'ok', 'ansible': ANSIBLE_VERSION,
                                         'python': sys.version.split()[0], 'pid': os.getpid()})


ROUTES = [
    ('POST', re.compile(r'^/deploy/?$'), deploy),
    ('GET', re.compile(r'^/deployments/(?P<deployment_id>[A-Za-z0-9]+)/?$'), get_deployment),
    ('GET', re.compile(r'^/health/?$'), health),
]


def application(environ, start_response):
    method = environ.get('REQUEST_METHOD', 'GET')
    path = environ.get('PATH_INFO') or '/'
    wrong_method = False
    for route_method, pattern, handler in ROUTES:
        match = pattern.match(path)
        if match is None:
            continue
        if route_method != method:
            wrong_method = True
            continue
        try:
            return handler(environ, start_response, **match.groupdict())
        except Exception, e:
            traceback.print_exc()
            return respond(start_response, 500, {'error': unicode(e)})
    if wrong_method:
        return respond(start_response, 405, {'error': 'method %s not allowed on %s' % (method, path)})
    return respond(start_response, 404, {'error': 'not found: %s' % path})
