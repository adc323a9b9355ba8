// The messages between the core and a replica's worker thread (the steps themselves go through shared memory).
import type { ReplicaSizes } from './replicaLayout';

export interface ReplicaBoot {
  /** The folder holding tfjs-wasm's binaries (dist/ in the package). */
  wasmFolder: string;
}

export type ToReplica =
  | {
      kind: 'model';
      /** `model.toJSON(null, false)`: the topology, without weights (they come with every step). */
      topology: object;
      loss: string;
      metrics: string[];
      seed: number;
      buffer: SharedArrayBuffer;
      sizes: ReplicaSizes;
    }
  | { kind: 'drop' };

export type FromReplica = { kind: 'started' } | { kind: 'ready' } | { kind: 'failed'; message: string };
