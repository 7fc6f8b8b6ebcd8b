"""Where packs are found: the bundled packs, then the user's own, then folders named for a run.

The search path, in order (a later entry may shadow an earlier pack of the same name):

1. ``bundled`` — the packs shipped inside the package (``advisor/_bundled/rules``, which is
   ``rules/`` of the source tree mapped in at build time), found beside the package's own code
   so they are there whether advisor runs from a wheel, a pipx venv or an editable checkout;
2. ``user`` — the user's pack folder: ``$ADVISOR_CONFIG_DIR/packs`` when that is set, else
   the platform's config folder (``~/.config/advisor/packs`` on Linux, via platformdirs);
3. ``ADVISOR_PACKS`` — folders listed in that variable, separated by ``os.pathsep``;
4. ``--rules`` — folders named on the command line (repeatable).

A pack in the user folder or in ADVISOR_PACKS that has the name of a pack earlier on the
path is an error unless its pack.yaml says ``shadows: {reason: ...}`` — a user's copy of
``core`` silently replacing the playbook would be a surprise. ``--rules`` folders are named
on the command line, so their packs shadow without saying so (that is how an author tries a
changed copy of a bundled pack); ``advisor pack list`` shows every shadowing either way.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..files.errors import AdvisorError

BUNDLED, USER, ENV, CLI = "bundled", "user", "ADVISOR_PACKS", "--rules"


def bundled_rules_dir() -> Path:
    """The packs shipped with the package (a real folder inside the installed package).

    The package folder itself, as importlib.resources.files would give it for an installed or an
    editable advisor (packs are read as files, so a zipped install was never possible): importing
    importlib.resources (with tempfile and shutil) cost ~3 ms of every start (issue 13)."""
    from .. import _bundled

    return Path(_bundled.__file__).parent / "rules"


def user_config_dir() -> Path:
    """advisor's config folder: $ADVISOR_CONFIG_DIR, else the platform's user config folder."""
    override = os.environ.get("ADVISOR_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir as platform_config

    return Path(platform_config("advisor", appauthor=False))


def user_packs_dir() -> Path:
    return user_config_dir() / "packs"


@dataclass(frozen=True)
class Entry:
    folder: Path
    origin: str  # bundled / user / ADVISOR_PACKS / --rules


@dataclass(frozen=True)
class Found:
    """One pack on the search path: its folder, where it came from, and what it shadows."""

    name: str
    folder: Path
    origin: str
    shadows: tuple[tuple[str, Path], ...] = ()  # (origin, folder) of the packs it hides


@dataclass
class PackPath:
    entries: list[Entry] = field(default_factory=list)

    @classmethod
    def only(cls, folder: str | Path, origin: str = CLI) -> "PackPath":
        return cls([Entry(Path(folder), origin)])

    @property
    def primary(self) -> Path:
        """The first folder: where the project's own packs are (used for docs beside them)."""
        return self.entries[0].folder

    def resolve(self) -> dict[str, Found]:
        """Every pack on the path by name (the last entry wins), checking shadowing."""
        found: dict[str, Found] = {}
        seen_folders: set[Path] = set()
        for entry in self.entries:
            folder = entry.folder
            if not folder.is_dir():
                if entry.origin in (BUNDLED, CLI):
                    # a Windows checkout without symlink support leaves advisor/_bundled/rules a text file
                    fix = ("reinstall advisor (the wheel carries its packs); in a source checkout on Windows, "
                           "run git config core.symlinks true and check out again" if entry.origin == BUNDLED
                           else "pass --rules a folder that holds pack folders")
                    raise AdvisorError("rules folder not found", file=str(folder), fix=fix)
                continue  # an absent user folder or ADVISOR_PACKS entry just holds no packs yet
            real = folder.resolve()
            if real in seen_folders:
                continue  # the same folder twice (e.g. --rules rules in a checkout) is one folder
            seen_folders.add(real)
            for pack in sorted(folder.iterdir()):
                if not (pack / "pack.yaml").is_file():
                    continue
                earlier = found.get(pack.name)
                if earlier is None:
                    found[pack.name] = Found(pack.name, pack, entry.origin)
                    continue
                if entry.origin in (USER, ENV):
                    spec, locs = _pack_yaml(pack)
                    if spec.get("shadows") is None:
                        raise locs.error(("name",), f"pack '{pack.name}' has the name of the {earlier.origin} pack "
                                         f"in {earlier.folder}",
                                         "rename it, or add 'shadows: {reason: why it replaces that pack}' "
                                         "to its pack.yaml")
                found[pack.name] = Found(pack.name, pack, entry.origin,
                                         earlier.shadows + ((earlier.origin, earlier.folder),))
        return found

    def folders(self) -> dict[str, Path]:
        return {name: f.folder for name, f in sorted(self.resolve().items())}


def env_dirs() -> list[Path]:
    raw = os.environ.get("ADVISOR_PACKS", "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def search_path(rules_dirs: list[str | Path] | tuple = ()) -> PackPath:
    """bundled, the user's folder, ADVISOR_PACKS, then the --rules folders."""
    entries = [Entry(bundled_rules_dir().resolve(), BUNDLED), Entry(user_packs_dir(), USER)]
    entries += [Entry(p, ENV) for p in env_dirs()]
    entries += [Entry(Path(p), CLI) for p in rules_dirs]
    return PackPath(entries)


def as_pack_path(where: "str | Path | PackPath") -> PackPath:
    """A single folder (the Python API's ``rules_dir``) is a path of just that folder."""
    return where if isinstance(where, PackPath) else PackPath.only(where)


def _pack_yaml(folder: Path):
    """A pack.yaml as plain data with its locations. Read here rather than through the pack
    models (language/pack.py imports this module: the search path sits below the pack loader);
    the whole file is validated when the pack loads."""
    from ..files.yamlio import load_yaml_file

    data, locs = load_yaml_file(folder / "pack.yaml")
    if not isinstance(data, dict):
        raise locs.error((), "pack.yaml must be a mapping (name:, version:, description:, …)")
    return data, locs
