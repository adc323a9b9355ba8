// The Python that runs the PyTorch peers: Debian's python3-torch lives in the system Python, which a pyenv or venv
// `python3` on PATH may hide. BENCH_PYTHON chooses another.
import * as fs from 'node:fs';

export const PYTHON = process.env.BENCH_PYTHON ?? (fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
