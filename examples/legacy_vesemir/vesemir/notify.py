# -*- coding: utf-8 -*-
"""Notification hook: POST the deployment record as JSON to $VESEMIR_NOTIFY_URL (skipped when unset)."""
import json
import sys
import urllib2


def send(url, record, timeout=5):
    if not url:
        return False
    req = urllib2.Request(url, json.dumps(record), {'Content-Type': 'application/json',
                                                    'User-Agent': 'vesemir-notify/1.0'})
    try:
        resp = urllib2.urlopen(req, timeout=timeout)
        resp.read()
        resp.close()
    except (urllib2.URLError, IOError), e:
        print >>sys.stderr, "[vesemir] notification to %s failed: %s" % (url, e)
        return False
    print >>sys.stderr, "[vesemir] notified %s about %s" % (url, record.get('id'))
    return True
