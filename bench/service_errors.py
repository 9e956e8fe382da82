#!/usr/bin/env python3
"""Lists what the system logged as errors during a benchmark, from the orchestrator's copies of every resource's
console output: .NET services' `fail`/`crit` entries and PostgreSQL's ERROR/FATAL lines with their details. Entries
of one kind are counted together and shown once. PostgreSQL logs a statement canceled at its client's request as an
ERROR too; when wrk ends a run, the requests it leaves in flight are canceled that way, so those are counted apart.
Usage: service_errors.py LOG_FOLDER SINCE_ISO_TIMESTAMP
Prints the number of errors and of canceled statements on its first line, then one example of each kind of error,
most frequent first."""
import collections, glob, re, sys

folder, since = sys.argv[1], sys.argv[2]
ansi = re.compile(r"\x1b\[[0-9;]*m")
# The orchestrator prefixes each line with its number and an ISO timestamp.
line_pattern = re.compile(r"^\d+ (\S+) (.*)$")
postgres_prefix = re.compile(r"^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[\d+\] ")
starts_error = re.compile(r"^(fail|crit): |^(ERROR|FATAL|PANIC): ")
starts_entry = re.compile(r"^(trce|dbug|info|warn|fail|crit): |^[A-Z]+: ")
continues_entry = re.compile(r"^(DETAIL|HINT|CONTEXT|STATEMENT): ")

entries = []
for path in sorted(glob.glob(f"{folder}/**/*_out", recursive=True) + glob.glob(f"{folder}/**/*_err", recursive=True)):
    current = None
    for raw in open(path, errors="replace"):
        match = line_pattern.match(ansi.sub("", raw.rstrip("\n")))
        if not match:
            continue
        stamp, text = match.groups()
        text = postgres_prefix.sub("", text)
        if current is not None and (continues_entry.match(text) or not starts_entry.match(text)):
            if len(current) < 12:
                current.append(text)
        elif stamp >= since and starts_error.match(text):
            current = [text]
            entries.append(current)
        else:
            current = None

canceled = re.compile(r"^ERROR:  canceling statement due to user request$")
cancellations = sum(1 for entry in entries if canceled.match(entry[0]))
entries = [entry for entry in entries if not canceled.match(entry[0])]

def kind(entry):
    return re.sub(r"\d+", "N", " ".join(line.strip() for line in entry[:2]))

kinds = collections.Counter(kind(entry) for entry in entries)
examples = {}
for entry in entries:
    examples.setdefault(kind(entry), entry)
print(len(entries), cancellations)
for name, count in kinds.most_common():
    print(f"{count} ×")
    print("\n".join(examples[name]))
    print()
