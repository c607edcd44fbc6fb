#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that translations are complete against the current sources.

Extracts the messages of every file in po/POTFILES.in afresh with xgettext (the keywords
of meson's glib preset; .ui files as Glade), merges them into a copy of po/LANG.po with
msgmerge, and fails when any message is untranslated or fuzzy, when msgfmt finds a broken
translation (e.g. a format string that does not match), when POTFILES.in lists a file that
does not exist, or when a file under src/ has translatable strings but is not listed in
POTFILES.in. The po/ files themselves are never changed.

Usage: check-po-complete.py [--srcdir DIR] [--lang LANG]...
Exit status: 0 complete, 1 something is missing, 77 the gettext tools are not installed.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

# The same as meson's i18n.gettext(preset: 'glib'), see po/meson.build.
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

# Source files under src/ that may carry translatable strings, by the xgettext language
# to read them with.
SOURCE_LANGUAGES = {
    '.c': 'C',
    '.h': 'C',
    '.ui': 'Glade',
}

TOOLS = ('xgettext', 'msgmerge', 'msgfmt')


class PoEntry:
    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}  # plural index (0 for a singular message) -> text
        self.flags = set()
        self.references = []
        self.obsolete = False
        self.lineno = 0  # line of the first keyword of the entry

    def describe(self):
        def show(text):
            return '“' + text.replace('\n', '\\n') + '”'

        text = show(self.msgid)
        if self.msgid_plural is not None:
            text += ' / ' + show(self.msgid_plural)
        if self.msgctxt is not None:
            text += f' (context {show(self.msgctxt)})'
        where = ', '.join(self.references[:3])
        if len(self.references) > 3:
            where += ', …'
        return f'{where}: {text}' if where else text


def unquote(text, path, lineno):
    """Decode one C-quoted PO string such as "a\\"b\\n"."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f'{path}:{lineno}: expected a quoted string, found {text!r}')
    escapes = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', 'a': '\a',
               'b': '\b', 'f': '\f', 'v': '\v'}
    out = []
    chars = iter(text[1:-1])
    for c in chars:
        if c == '\\':
            e = next(chars, '')
            out.append(escapes.get(e, '\\' + e))
        else:
            out.append(c)
    return ''.join(out)


def parse_po(path):
    """Parse a PO file as msgmerge writes it into a list of PoEntry."""
    entries = []
    entry = PoEntry()
    field = None  # (name, plural index) of the string that continuation lines extend

    def flush():
        nonlocal entry, field
        if entry.msgid is not None:
            entries.append(entry)
        entry = PoEntry()
        field = None

    def append(name, index, value):
        if name == 'msgstr':
            entry.msgstr[index] = entry.msgstr.get(index, '') + value
        else:
            setattr(entry, name, (getattr(entry, name) or '') + value)

    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip():
                flush()
                continue
            obsolete = line.startswith('#~')
            if obsolete:
                line = line[2:].lstrip()
                if not line or line.startswith('|'):
                    continue
            elif line.startswith('#'):
                if entry.msgstr:  # a comment after a complete entry starts the next one
                    flush()
                if line.startswith('#,'):
                    entry.flags.update(x.strip() for x in line[2:].split(','))
                elif line.startswith('#:'):
                    entry.references.extend(line[2:].split())
                continue

            if line.startswith('"'):
                if field is None:
                    raise ValueError(f'{path}:{lineno}: a string continues nothing')
                append(field[0], field[1], unquote(line, path, lineno))
                continue

            keyword, _, rest = line.partition(' ')
            if keyword in ('msgctxt', 'msgid') and entry.msgstr:
                flush()
            if obsolete:
                entry.obsolete = True
            if not entry.lineno:
                entry.lineno = lineno
            if keyword in ('msgctxt', 'msgid', 'msgid_plural'):
                field = (keyword, 0)
                setattr(entry, keyword, '')
            elif keyword == 'msgstr':
                field = ('msgstr', 0)
                entry.msgstr[0] = ''
            elif keyword.startswith('msgstr[') and keyword.endswith(']'):
                field = ('msgstr', int(keyword[7:-1]))
                entry.msgstr[field[1]] = ''
            else:
                raise ValueError(f'{path}:{lineno}: unknown line {line!r}')
            append(field[0], field[1], unquote(rest, path, lineno))
    flush()
    return entries


def nplurals(header):
    for line in header.split('\n'):
        if line.startswith('Plural-Forms:'):
            for part in line.split(';'):
                key, _, value = part.partition('=')
                if key.strip().endswith('nplurals'):
                    return int(value.strip())
    return 2


def read_potfiles(srcdir):
    path = os.path.join(srcdir, 'po', 'POTFILES.in')
    listed = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)
    return listed


def xgettext(srcdir, files, output, extra_args=()):
    """Extract messages of FILES (relative to SRCDIR) into OUTPUT, grouped by language.
    Returns the error text of xgettext, or None."""
    groups = {}
    for name in files:
        language = SOURCE_LANGUAGES.get(os.path.splitext(name)[1])  # None: by file name
        groups.setdefault(language, []).append(name)

    first = True
    for language, names in groups.items():
        args = ['xgettext', '--force-po', '--package-name=remit', '-D', srcdir,
                '-o', output] + XGETTEXT_ARGS + list(extra_args)
        if language:
            args.append(f'--language={language}')
        if not first:
            args.append('--join-existing')
        result = subprocess.run(args + names, capture_output=True, text=True)
        if result.returncode != 0:
            return result.stderr.strip() or f'xgettext failed with status {result.returncode}'
        first = False
    return None


def unlisted_sources(srcdir, listed, workdir):
    """Files under src/ that have translatable strings but are missing in POTFILES.in,
    mapped to their messages."""
    listed = set(os.path.normpath(name) for name in listed)
    candidates = []
    for root, dirs, files in os.walk(os.path.join(srcdir, 'src')):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        for name in sorted(files):
            if os.path.splitext(name)[1] not in SOURCE_LANGUAGES:
                continue
            relative = os.path.relpath(os.path.join(root, name), srcdir)
            if relative not in listed:
                candidates.append(relative)
    if not candidates:
        return {}, None

    pot = os.path.join(workdir, 'unlisted.pot')
    error = xgettext(srcdir, candidates, pot)
    if error:
        return {}, error

    found = {}
    for entry in parse_po(pot):
        if entry.msgid == '':
            continue
        for reference in entry.references:
            found.setdefault(reference.rsplit(':', 1)[0], []).append(entry.msgid)
    return found, None


def check_language(srcdir, lang, pot, workdir):
    """Problems of po/LANG.po against the fresh template POT."""
    po = os.path.join(srcdir, 'po', f'{lang}.po')
    if not os.path.exists(po):
        return [f'po/{lang}.po does not exist']

    merged = os.path.join(workdir, f'{lang}.po')
    result = subprocess.run(['msgmerge', '--quiet', '--previous', '--output-file', merged,
                             po, pot], capture_output=True, text=True)
    if result.returncode != 0:
        return [f'msgmerge could not merge po/{lang}.po: {result.stderr.strip()}']

    entries = parse_po(merged)
    header = next((e for e in entries if e.msgid == '' and not e.obsolete), None)
    plurals = nplurals(''.join(header.msgstr.values())) if header else 2

    untranslated, fuzzy = [], []
    for entry in entries:
        if entry.obsolete or entry.msgid == '':
            continue
        if entry.msgid_plural is not None:
            strings = [entry.msgstr.get(i, '') for i in range(plurals)]
        else:
            strings = [entry.msgstr.get(0, '')]
        if any(s == '' for s in strings):
            untranslated.append(entry)
        elif 'fuzzy' in entry.flags:
            fuzzy.append(entry)

    problems = []
    for entry in untranslated:
        problems.append(f'po/{lang}.po: untranslated: {entry.describe()}')
    for entry in fuzzy:
        problems.append(f'po/{lang}.po: fuzzy (check and remove the “fuzzy” flag): '
                        f'{entry.describe()}')

    result = subprocess.run(['msgfmt', '--check', '--output-file', os.devnull, merged],
                            capture_output=True, text=True)
    if result.returncode != 0:
        # msgfmt names lines of the merged copy: name the message instead.
        starts = sorted(((e.lineno, e) for e in entries if e.lineno and e.msgid),
                        key=lambda pair: pair[0])
        broken = 0
        for line in result.stderr.strip().splitlines():
            if not line.startswith(merged + ':'):
                continue
            where, _, message = line[len(merged) + 1:].partition(': ')
            entry = None
            if where.isdigit():
                for start, candidate in starts:
                    if start > int(where):
                        break
                    entry = candidate
            if entry in untranslated:
                continue  # listed above already
            shown = entry.describe() if entry else f'line {where} of the merged file'
            problems.append(f'po/{lang}.po: broken translation: {shown}: {message}')
            broken += 1
        if not broken and not untranslated:
            problems.append(f'po/{lang}.po: msgfmt --check failed: {result.stderr.strip()}')
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument('--srcdir', default=os.path.join(os.path.dirname(__file__), '..'),
                        help='the top of the source tree (default: the parent of build-aux/)')
    parser.add_argument('--lang', action='append',
                        help='a language to check, may be repeated (default: every language '
                             'in po/LINGUAS)')
    options = parser.parse_args()
    srcdir = os.path.abspath(options.srcdir)

    missing_tools = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing_tools:
        print(f'SKIP: not installed: {", ".join(missing_tools)} (Debian package gettext)')
        return 77

    languages = options.lang
    if not languages:
        with open(os.path.join(srcdir, 'po', 'LINGUAS'), encoding='utf-8') as f:
            languages = [w for line in f if not line.startswith('#') for w in line.split()]

    problems = []
    listed = read_potfiles(srcdir)
    existing = []
    for name in listed:
        if os.path.isfile(os.path.join(srcdir, name)):
            existing.append(name)
        else:
            problems.append(f'po/POTFILES.in lists “{name}”, which does not exist: '
                            'remove the line or fix the name')
    if listed != sorted(listed):
        print('note: po/POTFILES.in is not sorted')

    with tempfile.TemporaryDirectory(prefix='remit-po-') as workdir:
        found, error = unlisted_sources(srcdir, listed, workdir)
        if error:
            problems.append(f'xgettext failed on files under src/: {error}')
        for name, messages in sorted(found.items()):
            shown = ', '.join(f'“{m}”' for m in messages[:3])
            if len(messages) > 3:
                shown += f' and {len(messages) - 3} more'
            problems.append(f'{name} has translatable strings ({shown}) but is missing '
                            'from po/POTFILES.in: add it there (sorted)')

        pot = os.path.join(workdir, 'remit.pot')
        error = xgettext(srcdir, existing, pot)
        if error:
            problems.append(f'xgettext failed on the files of po/POTFILES.in: {error}')
        else:
            total = sum(1 for e in parse_po(pot) if e.msgid != '')
            for lang in languages:
                lang_problems = check_language(srcdir, lang, pot, workdir)
                problems.extend(lang_problems)
                if not lang_problems:
                    print(f'po/{lang}.po: all {total} messages translated')

    if problems:
        count = f'{len(problems)} problem' + ('s' if len(problems) != 1 else '')
        print(f'Translations are incomplete ({count}):', file=sys.stderr)
        for problem in problems:
            print(f'  {problem}', file=sys.stderr)
        print('Update the template with “meson compile -C _build remit-pot”, merge it with '
              '“meson compile -C _build remit-update-po”, then translate the entries above.',
              file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
