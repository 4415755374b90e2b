"""docker-compose.yml is checked without a Docker engine: services, images, mounts that
point into this repository, ports published on 127.0.0.1 only, and commands that match the
real sandbox CLI and init script."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"


def _compose():
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _services():
    return _compose()["services"]


def _bind_mounts(service):
    """(host path, container path) for each bind mount of a service (short syntax)."""
    mounts = []
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        if source.startswith((".", "/")):
            mounts.append((source, target))
    return mounts


def test_services_and_images():
    services = _services()
    assert {"db", "sandbox", "odoo"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    assert services["sandbox"]["image"] == "python:3.12-slim"
    assert services["odoo"]["image"] == "odoo:18.0"
    assert services["odoo-init"]["image"] == "odoo:18.0"


def test_bind_mounts_point_to_existing_paths():
    checked = 0
    for name, service in _services().items():
        for source, _target in _bind_mounts(service):
            assert not source.startswith("/"), f"{name}: absolute host path {source}"
            assert (ROOT / source).exists(), f"{name}: {source} does not exist"
            checked += 1
    assert checked >= 5


def test_odoo_mounts_both_addons():
    for name in ("odoo", "odoo-init"):
        targets = {t: s for s, t in _bind_mounts(_services()[name])}
        for addon in ("qoo10_connector", "qoo10_connector_stock"):
            source = targets[f"/mnt/extra-addons/{addon}"]
            assert (ROOT / source / "__manifest__.py").is_file()


def test_published_ports_bind_loopback_only():
    published = 0
    for name, service in _services().items():
        for port in service.get("ports", []):
            assert isinstance(port, str), f"{name}: use the 'IP:HOST:CONTAINER' form"
            assert port.startswith("127.0.0.1:"), f"{name}: {port} is not loopback-only"
            published += 1
    assert "127.0.0.1:8069:8069" in _services()["odoo"]["ports"]
    assert published >= 1


def test_dependencies():
    services = _services()
    init_deps = services["odoo-init"]["depends_on"]
    assert init_deps["db"]["condition"] == "service_healthy"
    assert init_deps["sandbox"]["condition"] == "service_healthy"
    deps = services["odoo"]["depends_on"]
    assert deps["odoo-init"]["condition"] == "service_completed_successfully"


def test_sandbox_command_matches_its_cli():
    command = _services()["sandbox"]["command"]
    assert command[:2] == ["python", "/sandbox/server.py"]
    server = ROOT / "setup" / "qoo10_sandbox" / "server.py"
    help_text = subprocess.run(
        [sys.executable, str(server), "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    for flag in (arg for arg in command[2:] if arg.startswith("--")):
        assert flag in help_text, f"server.py does not accept {flag}"


def test_init_script_and_demo_data():
    service = _services()["odoo-init"]
    script = ROOT / "setup" / "docker" / "odoo-init.sh"
    assert service["entrypoint"][-1] == "/mnt/qoo10/odoo-init.sh"
    subprocess.run(["bash", "-n", str(script)], check=True, timeout=30)
    text = script.read_text(encoding="utf-8")
    assert "qoo10_connector,qoo10_connector_stock" in text
    assert "/mnt/qoo10/demo_data.py" in text
    compile(
        (ROOT / "setup" / "demo_data.py").read_text(encoding="utf-8"),
        "demo_data.py",
        "exec",
    )
    assert service["environment"]["QOO10_SANDBOX_URL"] == "http://sandbox:8899"


def test_odoo_runs_scheduled_actions():
    """The demo's Odoo runs crons (import, confirmation, claims, tracking, stock)."""
    command = _services()["odoo"]["command"]
    assert "--max-cron-threads=1" in command
    assert "--stop-after-init" not in command
    demo = (ROOT / "setup" / "demo.sh").read_text(encoding="utf-8")
    serve = demo.rstrip().splitlines()[-1]
    assert serve.startswith('odoo_cmd -c "$CFG"') and "--max-cron-threads=1" in serve


def test_demo_shop_keeps_its_automatic_switches():
    text = (ROOT / "setup" / "demo_data.py").read_text(encoding="utf-8")
    for switch in (
        "auto_import_orders",
        "auto_confirm_orders",
        "auto_fulfillment",
        "auto_export_stock",
    ):
        assert f'"{switch}": True' in text, switch


def _queue_services():
    return {
        name: service
        for name, service in _services().items()
        if "queue" in service.get("profiles", [])
    }


def test_queue_profile_two_odoo_servers_on_one_postgresql():
    """`docker compose --profile queue up`: two Odoo servers with workers and queue_job
    server-wide, on the one PostgreSQL service and one database."""
    queue = _queue_services()
    servers = [s for s in queue.values() if s.get("command", [None])[0] == "odoo"]
    assert len(servers) == 2
    for server in servers:
        command = server["command"]
        assert server["image"] == "odoo:18.0"
        assert "--load=base,web,queue_job" in command
        assert any(
            arg.startswith("--workers=") and arg != "--workers=0" for arg in command
        )
        assert "--database=qoo10_queue" in command
        env = server["environment"]
        assert env["HOST"] == "db" and env["QOO10_DB"] == "qoo10_queue"
        channels = dict(c.split(":") for c in env["ODOO_QUEUE_JOB_CHANNELS"].split(","))
        for kind in ("import", "confirm", "tracking", "claims", "stock"):
            assert int(channels[f"root.qoo10.{kind}"]) >= 1, kind
        assert env["ODOO_QUEUE_JOB_HOST"] in queue, "the runner reaches both servers"
        targets = {t: s for s, t in _bind_mounts(server)}
        source = targets["/mnt/extra-addons/qoo10_connector_queue"]
        assert (ROOT / source / "__manifest__.py").is_file()
        path = next(a for a in command if a.startswith("--addons-path="))
        assert "/mnt/queue-job/odoo/addons" in path
        assert server["depends_on"]["odoo-queue-init"]["condition"] == (
            "service_completed_successfully"
        )
    assert "db" not in queue, "one PostgreSQL, shared with the demo"


def test_queue_profile_installs_the_glue_and_queue_job():
    queue = _queue_services()
    init = queue["odoo-queue-init"]
    assert init["entrypoint"][-1] == "/mnt/qoo10/odoo-init.sh"
    assert "qoo10_connector_queue" in init["environment"]["QOO10_ADDONS"].split(",")
    script = (ROOT / "setup" / "docker" / "odoo-init.sh").read_text(encoding="utf-8")
    assert "QOO10_ADDONS" in script and "QOO10_ADDONS_PATH" in script
    pip = queue["queue-job-addon"]["command"]
    assert "odoo-addon-queue_job==18.0.*" in pip and "--target" in pip
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "odoo-addon-queue_job==18.0.*" in requirements
    lb = queue["odoo-queue-lb"]
    assert lb["ports"] == ["127.0.0.1:8070:80"]
    conf = (ROOT / "setup" / "docker" / "nginx-queue.conf").read_text(encoding="utf-8")
    assert "odoo-queue-a:8069" in conf and "odoo-queue-b:8069" in conf


def test_default_services_need_no_profile():
    """`docker compose up` alone stays the one-command demo."""
    for name in ("db", "sandbox", "odoo-init", "odoo"):
        assert "profiles" not in _services()[name], name


def _oca_closure(names):
    """The OCA addon distributions ``names`` need, from the installed wheels' metadata."""
    from importlib.metadata import requires  # noqa: PLC0415

    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for requirement in requires(name) or []:
            dist = re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0]
            if dist.startswith("odoo-addon-"):
                todo.append(dist)
    return seen


def _requirement_names(text):
    return {
        re.split(r"[\s<>=!~;\[]", line.strip(), maxsplit=1)[0]
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }


def test_demo_installs_the_account_addon_with_the_oca_wheels():
    """`docker compose up` pip-installs OCA's statement tools (the wheels of
    requirements.txt and every OCA addon they depend on) into a volume, mounts it with
    qoo10_connector_account, and installs the addon; setup/demo.sh installs it too."""
    services = _services()
    pip = services["oca-addons"]["command"]
    assert pip[:2] == ["pip", "install"] and "--no-deps" in pip and "--target" in pip
    listed = dict(_bind_mounts(services["oca-addons"]))["./setup/docker/oca-addons.txt"]
    assert pip[pip.index("-r") + 1] == listed
    wanted = _requirement_names(
        (ROOT / "setup" / "docker" / "oca-addons.txt").read_text(encoding="utf-8")
    )
    requirements = _requirement_names(
        (ROOT / "requirements.txt").read_text(encoding="utf-8")
    )
    account = {name for name in requirements if name.startswith("odoo-addon-account_")}
    assert account == {
        "odoo-addon-account_reconcile_oca",
        "odoo-addon-account_statement_import_sheet_file",
    }
    assert wanted == _oca_closure(account), "the list is the wheels' dependency closure"
    target = pip[pip.index("--target") + 1]
    assert f"oca-addons:{target}" in services["oca-addons"]["volumes"]
    for name in ("odoo", "odoo-init"):
        service = services[name]
        assert "oca-addons:/mnt/oca:ro" in service["volumes"], name
        targets = {t: s for s, t in _bind_mounts(service)}
        source = targets["/mnt/extra-addons/qoo10_connector_account"]
        assert (ROOT / source / "__manifest__.py").is_file()
        assert (ROOT / targets["/mnt/qoo10/demo_settlement.py"]).is_file()
        env = service["environment"]
        assert "qoo10_connector_account" in env["QOO10_ADDONS"].split(",")
        assert "/mnt/oca/odoo/addons" in env["QOO10_ADDONS_PATH"].split(",")
    assert services["odoo-init"]["depends_on"]["oca-addons"]["condition"] == (
        "service_completed_successfully"
    )
    command = services["odoo"]["command"]
    path = next(a for a in command if a.startswith("--addons-path="))
    assert "/mnt/oca/odoo/addons" in path.split("=", 1)[1].split(",")
    demo = (ROOT / "setup" / "demo.sh").read_text(encoding="utf-8")
    assert re.search(r'^ADDONS="[^"]*qoo10_connector_account', demo, re.M)
    assert "QOO10_SETUP_DIR=" in demo
