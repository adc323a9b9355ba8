// A notebook's runs, one cell at a time: VS Code queues the cells of one request, but a second request (Run All twice,
// a cell run while another runs) calls the controller at once, and two cells in one core share its session.
import { SerialQueue } from '../shared/serialQueue';

export class NotebookRunQueue {
  private readonly queue = new SerialQueue();
  /** Bumped by an interrupt: a run started before it goes no further, and the runs queued before it never start. */
  private generation = 0;

  /**
   * Runs `cells` after every run queued before them, in order; `runCell` returns false to end this run (a failed cell,
   * as Jupyter's Run All). Resolves when the run has ended or was dropped.
   */
  enqueue<C>(cells: readonly C[], runCell: (cell: C) => Promise<boolean>): Promise<void> {
    const generation = this.generation;
    return this.queue.run(async () => {
      for (const cell of cells) {
        if (generation !== this.generation) return;
        if (!(await runCell(cell))) return;
      }
    });
  }

  /** Ends every run queued now after its current cell; runs queued later are not touched. */
  dropQueued(): void {
    this.generation++;
  }

  /** Whether a run is running or waiting. */
  get busy(): boolean {
    return this.queue.size > 0;
  }
}
