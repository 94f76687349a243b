"""Static checks of the compose stack against what it promises; run by compose/check.sh.

    python3 compose/check_stack.py <repository root> <output of `docker-compose config`, all profiles>

Reads the Compose file as docker-compose resolved it (variables substituted, defaults applied), so a
check sees what the engine would get. Prints one ok/FAIL line per check; exits 1 if any failed.
"""
import sys
from pathlib import Path

import yaml

root = Path(sys.argv[1])
compose = yaml.safe_load(Path(sys.argv[2]).read_text(encoding="utf-8"))
services = compose["services"]
failures = 0


def check(passed, what, problems=()):
    global failures
    if passed:
        print(f"ok:   {what}")
    else:
        failures += 1
        print(f"FAIL: {what}", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)


def label_keys(condition):
    """Every field a Beats condition tests, through and/or/not."""
    if isinstance(condition, list):
        for c in condition:
            yield from label_keys(c)
    elif isinstance(condition, dict):
        for op, arg in condition.items():
            if op in ("and", "or", "not"):
                yield from label_keys(arg)
            elif op == "has_fields":
                yield from arg
            elif isinstance(arg, dict):
                yield from arg


# ---- Filebeat autodiscover ----------------------------------------------------------------------------
# Template conditions see Docker labels with their dots, whatever labels.dedot says (that setting only
# renames the fields written into events): a de-dotted key such as co_elastic_logs/enabled never matches,
# no input starts and nothing is shipped (elastic/beats#49814). So each label a condition names must be,
# verbatim, one that a service of the stack sets.
filebeat = yaml.safe_load((root / "filebeat/filebeat.yml").read_text(encoding="utf-8"))
prefix = "docker.container.labels."
set_labels = {k for s in services.values() for k in (s.get("labels") or {})}
named = [k for p in filebeat["filebeat.autodiscover"]["providers"] for t in p.get("templates", [])
         for k in label_keys(t.get("condition", {})) if k.startswith(prefix)]
check(prefix + "co.elastic.logs/enabled" in named,
      "filebeat: the app's template is conditioned on docker.container.labels.co.elastic.logs/enabled")
unknown = [k for k in named if k[len(prefix):] not in set_labels]
check(not unknown, "filebeat: every label in a template condition is one a service sets, dots and all",
      [f"{k}: no service sets label {k[len(prefix):]!r} (set: {sorted(set_labels)})" for k in unknown])

sys.exit(1 if failures else 0)
