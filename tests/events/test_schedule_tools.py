"""The seed programme's schedule files pass the validators conference apps' authors use.

``xmllint`` (Debian libxml2-utils) and ``check-jsonschema`` (PyPI), as the schemas'
README prescribes, on the real 26th conference. Elsewhere than CI a missing tool skips.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

SCHEMAS = Path(settings.BASE_DIR).parent / "shared" / "schemas"
FIXTURES = sorted(
    str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.json")
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not SCHEMAS.is_dir(), reason=f"the frab schemas are not in {SCHEMAS}"
    ),
]


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(
        name, path=str(Path(sys.executable).parent)
    )
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed (make test installs it)")
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture
def seed_schedule(client, settings, tmp_path) -> tuple[Path, Path]:
    settings.PUBLIC_CACHE_ENABLED = False
    call_command("loaddata", *FIXTURES, verbosity=0)
    files = []
    for name in ("schedule.xml", "schedule.json"):
        response = client.get(f"/feeds/alliance-2026/{name}")
        assert response.status_code == 200
        path = tmp_path / name
        path.write_bytes(response.content)
        files.append(path)
    return files[0], files[1]


def test_seed_schedule_xml_passes_xmllint(seed_schedule):
    xml, _ = seed_schedule

    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            tool("xmllint"),
            "--noout",
            "--schema",
            str(SCHEMAS / "frab-schedule.xsd"),
            str(xml),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert (result.returncode, result.stderr.strip()) == (0, f"{xml} validates")


def test_seed_schedule_json_passes_check_jsonschema(seed_schedule):
    _, json_file = seed_schedule

    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            tool("check-jsonschema"),
            "--schemafile",
            str(SCHEMAS / "frab-schedule.schema.json"),
            str(json_file),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
