#!/usr/bin/env python3
"""moto's S3 on 127.0.0.1 for the S3 sync tests, with signature checking on.

usage: .venv-moto/bin/python3 scripts/s3-test-server.py
Starts moto (scripts/requirements-moto.txt) on a free port of 127.0.0.1, creates an IAM user
with an access key and a policy (s3:*, sts:AssumeRole), a role it may assume and the bucket
"remission-test" -- the six requests moto lets through unsigned
(INITIAL_NO_AUTH_ACTION_COUNT=6) -- then assumes the role, signed, for session credentials, and
prints one JSON line: {"port": P, "bucket": B, "accessKeyId": K, "secretAccessKey": S,
"session": {"accessKeyId": …, "secretAccessKey": …, "sessionToken": …}}. From then on every
request must carry a valid SigV4 signature. The server stops when its standard input
closes, that is when the test process that started it ends, however it ends.
"""
import json
import os
import socket
import sys

# Read by moto when it is imported: the first six requests are the set-up below.
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "6"

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
allow_s3 = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
iam.put_user_policy(UserName="remission", PolicyName="s3", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "sts:AssumeRole"], "Resource": "*"}]}))
role = iam.create_role(RoleName="remission-session", AssumeRolePolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                             "Principal": {"AWS": "arn:aws:iam::123456789012:user/remission"}}]}))["Role"]
iam.put_role_policy(RoleName="remission-session", PolicyName="s3", PolicyDocument=json.dumps(allow_s3))
bucket = "remission-test"
boto3.client("s3", **setup).create_bucket(Bucket=bucket)
# The seventh request, the first that must be signed: session credentials of the role.
sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
session = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="remission-test", DurationSeconds=43200)["Credentials"]
print(json.dumps({"port": port, "bucket": bucket, "accessKeyId": key["AccessKeyId"],
                  "secretAccessKey": key["SecretAccessKey"],
                  "session": {"accessKeyId": session["AccessKeyId"], "secretAccessKey": session["SecretAccessKey"],
                              "sessionToken": session["SessionToken"]}}), flush=True)
sys.stdin.read()
server.stop()
