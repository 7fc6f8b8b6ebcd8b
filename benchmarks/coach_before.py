"""The blind account set on the code as it was before this session's work (the foundation commit 19fa190:
the new account fields are accepted but nothing reads them). An old action has no `serves`; it is
taken from the current packs by rule id (a property of the rule, not of the ranking).

    git worktree add --detach /tmp/before 19fa190 && cd /tmp/before && python3 -m venv .venv \
      && .venv/bin/pip install -q -e . \
      && .venv/bin/python /path/to/main/benchmarks/coach_before.py /path/to/main/tests/data/blind/accounts /path/to/main/rules
"""
import datetime as dt, glob, sys, yaml
from pathlib import Path
from advisor import Advisor, load_account
from advisor.files.errors import AdvisorError
folder = Path(sys.argv[1]); rules_now = Path(sys.argv[2])
serves = {}
for f in glob.glob(str(rules_now / "*" / "*.yaml")):
    d = yaml.load(open(f, encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    for r in d.get("rules") or []:
        if isinstance(r, dict) and "id" in r:
            serves[r["id"]] = r.get("serves")
    for rid, c in (d.get("annotate") or {}).items():
        if isinstance(c, dict) and c.get("serves"):
            serves[rid] = c["serves"]
spec = yaml.safe_load(open(folder / "expectations.yaml", encoding="utf-8"))
as_of = dt.date.fromisoformat(str(spec["as_of"]))
adv = Advisor(); right = mis = n = 0; errors = 0
for file, e in sorted(spec["accounts"].items()):
    n += 1; lang = e.get("lang", "en"); first = e.get("first") or {}
    ok = set([first["serves"]] if isinstance(first.get("serves"), str) else first.get("serves") or []) | set(first.get("also_ok") or [])
    try:
        advice = adv.advise(load_account(folder / file), as_of=as_of)
    except AdvisorError as exc:
        print(f"  {file}: ERROR {exc}"); errors += 1; continue
    acts = advice.actions
    r = False
    if acts:
        t = acts[0]; s = serves.get(t.rule); label = f"{t.contact or ''} {t.role_label or ''}"
        text = t.what[lang].lower()
        r = (s in ok and (not first.get("who") or any(w in label for w in first["who"]))
             and (not first.get("any") or any(p.lower() in text for p in first["any"])))
    top5 = "\n".join(a.what[lang].lower() for a in acts[:5])
    m = [x.get("why") for x in e.get("not_top5") or [] if any(p.lower() in top5 for p in x.get("any") or [])]
    right += r; mis += len(m)
    print(f"  {file}: #1 {'right' if r else 'WRONG'} — {acts[0].rule if acts else '-'} ({serves.get(acts[0].rule) if acts else ''}); misfires {len(m)}")
print(f"before ({n} accounts): #1 right {right}/{n} ({100*right/n:.0f}%); misfires in top 5: {mis}; errors {errors}")
