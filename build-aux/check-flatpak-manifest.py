#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest: valid JSON, the expected app id, command, runtime and
sandbox, and every downloaded source pinned by a SHA-256 checksum.

Usage: check-flatpak-manifest.py MANIFEST APP_ID
"""

import json
import re
import sys

# The sandbox Remit asks for. Files come in through the portals, so there is no
# --filesystem permission at all.
EXPECTED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    '--talk-name=org.freedesktop.secrets',
}


def check(manifest, app_id):
    problems = []

    def expect(key, value):
        if manifest.get(key) != value:
            problems.append(f'“{key}” is {manifest.get(key)!r}, expected {value!r}')

    expect('app-id', app_id)
    expect('command', 'remit')
    expect('runtime', 'org.gnome.Platform')
    expect('sdk', 'org.gnome.Sdk')

    finish_args = manifest.get('finish-args', [])
    for arg in sorted(EXPECTED_FINISH_ARGS - set(finish_args)):
        problems.append(f'finish-args lacks “{arg}”')
    for arg in finish_args:
        if arg not in EXPECTED_FINISH_ARGS:
            problems.append(f'finish-args has the unexpected “{arg}”')

    modules = manifest.get('modules', [])
    names = [m.get('name') if isinstance(m, dict) else m for m in modules]
    if not names or names[-1] != 'remit':
        problems.append(f'the last module must be “remit”, the modules are {names}')

    for module in modules:
        if not isinstance(module, dict):
            continue
        for source in module.get('sources', []):
            if not isinstance(source, dict) or source.get('type') not in ('archive', 'file'):
                continue
            url = source.get('url', '')
            if not url.startswith('https://'):
                problems.append(f'module “{module.get("name")}”: URL {url!r} is not HTTPS')
            if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                problems.append(f'module “{module.get("name")}”: {url} has no valid sha256')

    remit = next((m for m in modules if isinstance(m, dict) and m.get('name') == 'remit'), {})
    if '-Dtests=false' not in remit.get('config-opts', []):
        problems.append('module “remit” must be configured with -Dtests=false')

    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2

    path, app_id = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{path}: {e}', file=sys.stderr)
        return 1
    if not isinstance(manifest, dict):
        print(f'{path}: the manifest is not a JSON object', file=sys.stderr)
        return 1

    problems = check(manifest, app_id)
    for problem in problems:
        print(f'{path}: {problem}', file=sys.stderr)
    if problems:
        return 1
    print(f'{path}: {app_id}, {len(manifest["modules"])} modules, sandbox as expected')
    return 0


if __name__ == '__main__':
    sys.exit(main())
