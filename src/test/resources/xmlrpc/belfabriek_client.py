"""An independent XML-RPC client (Python's standard xmlrpc.client) for the bus's Belfabriek API.

Usage: belfabriek_client.py URL METHOD JSON_STRUCT [ENCODING]
Prints the answer as JSON, or {"faultCode": ..., "faultString": ...} for a fault.
"""
import json
import sys
import xmlrpc.client

url, method, struct = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
encoding = sys.argv[4] if len(sys.argv) > 4 else None
proxy = xmlrpc.client.ServerProxy(url, encoding=encoding)
try:
    result = getattr(proxy, method)(struct)
except xmlrpc.client.Fault as fault:
    result = {"faultCode": fault.faultCode, "faultString": fault.faultString}
print(json.dumps(result, ensure_ascii=False, sort_keys=True))
