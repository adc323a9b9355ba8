// test/tools/systemPackages.sh on a fresh machine, without touching this one: stand-ins for dpkg-query, id, apt-get and
// sudo on a PATH that holds nothing else say which packages are installed and who runs it, and record what apt-get was asked.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.join(__dirname, '../../../test/tools/systemPackages.sh');
const bash = fs.existsSync('/bin/bash') ? '/bin/bash' : '/usr/bin/bash';

interface Machine {
  installed: string[];
  uid: number;
  tools?: Array<'dpkg-query' | 'apt-get' | 'sudo'>;
  aptFails?: boolean;
  env?: Record<string, string>;
}

function run(machine: Machine) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bigmodel-syspkg-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(dir, 'installed'), ` ${machine.installed.join(' ')} `);
  const shim = (name: string, body: string) =>
    fs.writeFileSync(path.join(bin, name), `#!${bash}\n${body}\n`, { mode: 0o755 });
  const tools = machine.tools ?? ['dpkg-query', 'apt-get', 'sudo'];
  shim('id', `echo ${machine.uid}`);
  // like dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' …: a line per installed package, an error per unknown one
  if (tools.includes('dpkg-query')) {
    shim(
      'dpkg-query',
      `shift 2; rc=0; all=$(< "${dir}/installed")
for p in "$@"; do if [[ $all == *" $p "* ]]; then printf '%s ii \\n' "$p"; else echo "no packages found matching $p" >&2; rc=1; fi; done
exit $rc`,
    );
  }
  if (tools.includes('apt-get')) {
    shim(
      'apt-get',
      `echo "$*" >> "${dir}/apt.log"; ${machine.aptFails ? 'exit 100' : ''}
if [ "$1" = install ]; then for a in "$@"; do [[ $a == -* || $a == install ]] || printf '%s ' "$a" >> "${dir}/installed"; done; fi`,
    );
  }
  if (tools.includes('sudo')) shim('sudo', 'exit 99');
  const r = spawnSync(bash, [script], { env: { PATH: bin, ...machine.env }, encoding: 'utf8', timeout: 20000 });
  const aptLog = fs.existsSync(path.join(dir, 'apt.log'))
    ? fs.readFileSync(path.join(dir, 'apt.log'), 'utf8').trim().split('\n')
    : [];
  const installedAfter = fs.readFileSync(path.join(dir, 'installed'), 'utf8').trim().split(/\s+/).filter(Boolean);
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, stderr: r.stderr, aptLog, installedAfter };
}

/** Every package the script asks for, read from the command it prints on a machine that has none. */
function neededPackages(): string[] {
  const { stderr } = run({ installed: [], uid: 1000 });
  const line = stderr.split('\n').find((l) => l.includes('apt-get install'));
  assert.ok(line, stderr);
  return line
    .replace(/.*--no-install-recommends /, '')
    .trim()
    .split(' ');
}

describe('the system packages npm test and npm start need (test/tools/systemPackages.sh)', () => {
  const all = neededPackages();

  it('asks for the browser, the build tools, the software GL driver for Dawn and the data set', () => {
    for (const p of [
      'chromium',
      'libkrb5-dev',
      'python3',
      'make',
      'g++',
      'libegl1',
      'libegl-mesa0',
      'libgl1-mesa-dri',
      'dataset-fashion-mnist',
      'fonts-dejavu-core',
    ]) {
      assert.ok(all.includes(p), `${p} is not in ${all.join(' ')}`);
    }
  });

  it('does nothing when everything is installed', () => {
    const r = run({ installed: all, uid: 0 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.aptLog, []);
    assert.equal(r.stderr, '');
  });

  it('as a user, stops and prints the one command that installs exactly what is missing', () => {
    const r = run({ installed: all.filter((p) => p !== 'libkrb5-dev' && p !== 'libegl-mesa0'), uid: 1000 });
    assert.equal(r.status, 1);
    assert.deepEqual(r.aptLog, [], 'apt-get must not run without root');
    assert.match(r.stderr, /^ {2}sudo apt-get install -y --no-install-recommends libkrb5-dev libegl-mesa0$/m);
  });

  it('without sudo, prints the command for su', () => {
    const r = run({ installed: all.filter((p) => p !== 'bc'), uid: 1000, tools: ['dpkg-query', 'apt-get'] });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^ {2}su -c 'apt-get install -y --no-install-recommends bc'$/m);
  });

  it('as root with apt-get, updates the package lists and installs what is missing, then goes on', () => {
    const r = run({ installed: all.filter((p) => p !== 'chromium' && p !== 'dataset-fashion-mnist'), uid: 0 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.aptLog, ['update -qq', 'install -y --no-install-recommends chromium dataset-fashion-mnist -qq']);
    assert.deepEqual([...r.installedAfter].sort(), [...all].sort());
  });

  it('as root, stops with the command when apt-get fails', () => {
    const r = run({ installed: all.filter((p) => p !== 'g++'), uid: 0, aptFails: true });
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /apt-get could not install them; after fixing the error above, run: apt-get install -y --no-install-recommends g\+\+/,
    );
  });

  it("does not ask for Debian's chromium when CHROMIUM_PATH names another one", () => {
    const r = run({
      installed: all.filter((p) => p !== 'chromium'),
      uid: 1000,
      env: { CHROMIUM_PATH: '/opt/chromium/chrome' },
    });
    assert.equal(r.status, 0, r.stderr);
  });

  it('on a system without dpkg-query, names the packages and lets the next steps go on', () => {
    const r = run({ installed: [], uid: 1000, tools: [] });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /not Debian or Ubuntu.*chromium libkrb5-dev/);
  });
});
