#!/usr/bin/env python3
"""Runs a command with a terminal of its own, answering its prompts, for tests of what a
person types at the terminal (a passphrase, which remission reads from /dev/tty with echo off).

    TTY_ANSWERS='first line<newline>second line' tty-run.py COMMAND ARGUMENTS...

The answers come from the environment, not the command line. Each is typed once the command
has written a prompt ending in ':' and switched echo off, so that no answer is lost to the
prompt's flush. The command's standard output and error stay this script's own; what it
writes to the terminal is copied to standard error. Exits with the command's status.
"""
import fcntl
import os
import select
import sys
import termios
import time

answers = os.environ.pop("TTY_ANSWERS", "").split("\n")
answers = [a for a in answers if a] if answers != [""] else []
command = sys.argv[1:]
master, slave = os.openpty()
pid = os.fork()
if pid == 0:
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    os.close(master)
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.close(slave)
    os.execvp(command[0], command)
os.close(slave)
seen = b""
transcript = b""
deadline = time.time() + 120
status = None
while status is None:
    ready, _, _ = select.select([master], [], [], 0.05)
    if ready:
        try:
            data = os.read(master, 4096)
        except OSError:
            data = b""
        seen += data
        transcript += data
    if answers and seen.rstrip().endswith(b":"):
        if not termios.tcgetattr(master)[3] & termios.ECHO:
            os.write(master, (answers.pop(0) + "\n").encode())
            seen = b""
    done, raw = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.waitstatus_to_exitcode(raw)
    elif time.time() > deadline:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        status = 124
sys.stderr.write("tty:" + transcript.decode("utf-8", "replace") + "\n")
sys.exit(status)
