// The Python that runs the PyTorch peers, set up as PyTorch's users have it: Debian's python3-torch lives in the
// system Python (a pyenv or venv `python3` on PATH may hide it; BENCH_PYTHON chooses another), its matrix products go
// through `libblas.so.3`, which must be an optimised BLAS (OpenBLAS, `libopenblas0`) and not Debian's reference one,
// and every thread pool it has (OpenMP, OpenBLAS, MKL, torch's own) is pinned to the count our side runs with.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export const PYTHON = process.env.BENCH_PYTHON ?? (fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** What `libblas.so.3` resolves to, as the dynamic loader sees it (Debian switches it with update-alternatives). */
const BLAS_LINKS = ['/usr/lib/x86_64-linux-gnu/libblas.so.3', '/usr/lib/aarch64-linux-gnu/libblas.so.3'];

export interface PeerSetup {
  /** The environment the peer runs with: threads pinned; the OpenBLAS core-type overrides of this workplace removed. */
  env: NodeJS.ProcessEnv;
  /** One line for the bench's output: which BLAS, which core kernels, how many threads. */
  describe: string;
}

/**
 * The peer's environment for `threads` threads, or why it cannot run as users run it. A reference BLAS is refused
 * (it made the MLP look 3-4x faster than PyTorch); as root the bench installs OpenBLAS itself, otherwise it names the
 * command. BENCH_ALLOW_REFERENCE_BLAS=1 runs it anyway, saying so.
 */
export function peerSetup(threads: number): PeerSetup | string {
  let blas = resolvedBlas();
  if (!/openblas|mkl|blis/i.test(blas) && process.env.BENCH_ALLOW_REFERENCE_BLAS !== '1') {
    if (process.getuid?.() === 0) {
      spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'libopenblas0'], {
        stdio: 'ignore',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      blas = resolvedBlas();
    }
    if (!/openblas|mkl|blis/i.test(blas)) {
      return `libblas.so.3 is ${blas || 'missing'}, Debian's reference BLAS that no PyTorch user has: install OpenBLAS (sudo apt-get install libopenblas0), or set BENCH_ALLOW_REFERENCE_BLAS=1`;
    }
  }
  const n = String(threads);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OMP_NUM_THREADS: n,
    OPENBLAS_NUM_THREADS: n,
    MKL_NUM_THREADS: n,
    BENCH_PEER_THREADS: n,
  };
  // Set on some machines here because older OpenBLAS builds crash on their processors; they slow a current one.
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const probe = spawnSync(PYTHON, ['-c', PROBE], { encoding: 'utf8', env });
  const facts = probe.status === 0 ? probe.stdout.trim() : `(${probe.stderr.trim().split('\n').pop()})`;
  return { env, describe: `PyTorch peer: ${facts}; BLAS ${blas}; OMP_NUM_THREADS=${n} OPENBLAS_NUM_THREADS=${n}` };
}

/** The peer's own account: torch's version and threads, and OpenBLAS's build and the kernels it chose here. */
const PROBE = `
import ctypes, torch
facts = [f"torch {torch.__version__}, {torch.get_num_threads()} thread(s) after set_num_threads"]
try:
    lib = ctypes.CDLL("libblas.so.3")
    lib.openblas_get_config.restype = ctypes.c_char_p
    lib.openblas_get_corename.restype = ctypes.c_char_p
    lib.openblas_get_num_threads.restype = ctypes.c_int
    facts.append(f"{lib.openblas_get_config().decode()} (kernels {lib.openblas_get_corename().decode()}, {lib.openblas_get_num_threads()} thread(s))")
except (OSError, AttributeError):
    facts.append("libblas.so.3 is not OpenBLAS")
torch.set_num_threads(int(__import__("os").environ["BENCH_PEER_THREADS"]))
facts[0] = f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)"
print("; ".join(facts))
`;

function resolvedBlas(): string {
  for (const link of BLAS_LINKS) {
    try {
      return fs.realpathSync(link);
    } catch {
      // not this architecture
    }
  }
  return '';
}
