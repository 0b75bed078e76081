#!/usr/bin/env python3
"""moto's S3 on 127.0.0.1 for the S3 sync tests, with signature checking on.

usage: .venv-moto/bin/python3 scripts/s3-test-server.py
Starts moto (scripts/requirements-moto.txt) on a free port of 127.0.0.1, creates an IAM user
with an access key and an s3:* policy and the bucket "remission-test" -- the four requests moto
lets through unsigned (INITIAL_NO_AUTH_ACTION_COUNT=4) -- and prints one JSON line:
{"port": P, "bucket": B, "accessKeyId": K, "secretAccessKey": S}. From then on every request
must carry a valid SigV4 signature of that key. The server stops when its standard input
closes, that is when the test process that started it ends, however it ends.
"""
import json
import os
import socket
import sys

# Read by moto when it is imported: the first four requests are the set-up below.
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "4"

import boto3  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()

server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
server.start()
endpoint = f"http://127.0.0.1:{port}"
setup = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
iam = boto3.client("iam", **setup)
iam.create_user(UserName="remission")
key = iam.create_access_key(UserName="remission")["AccessKey"]
iam.put_user_policy(UserName="remission", PolicyName="s3", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
bucket = "remission-test"
boto3.client("s3", **setup).create_bucket(Bucket=bucket)
print(json.dumps({"port": port, "bucket": bucket, "accessKeyId": key["AccessKeyId"],
                  "secretAccessKey": key["SecretAccessKey"]}), flush=True)
sys.stdin.read()
server.stop()
