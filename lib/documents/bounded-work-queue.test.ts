import { describe, expect, it } from "vitest";
import { BoundedWorkQueue, WorkQueueFullError } from "./bounded-work-queue";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("BoundedWorkQueue", () => {
  it("runs at most `concurrency` tasks at once and the waiting ones in order", async () => {
    const queue = new BoundedWorkQueue({ name: "test", concurrency: 2, maxWaiting: 10, secondsPerTask: 1 });
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 6 }, gate);
    const runs = gates.map((g, index) =>
      queue.run(async () => {
        active += 1;
        peak = Math.max(peak, active);
        order.push(index);
        await g.opened;
        active -= 1;
        return index;
      }),
    );
    await Promise.resolve();
    expect(queue.size).toEqual({ running: 2, waiting: 4 });
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses work beyond the waiting room at once, without running it, with a retry hint", async () => {
    const queue = new BoundedWorkQueue({ name: "document readers", concurrency: 1, maxWaiting: 2, secondsPerTask: 4 });
    const blocker = gate();
    const admitted = [0, 1, 2].map(() => queue.run(() => blocker.opened));
    let ran = false;
    const refused = queue.run(async () => {
      ran = true;
    });
    await expect(refused).rejects.toBeInstanceOf(WorkQueueFullError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 12 });
    expect(ran).toBe(false);
    blocker.open();
    await Promise.all(admitted);
    // Room again once the queue drained.
    await expect(queue.run(async () => "done")).resolves.toBe("done");
  });

  it("frees the slot when a task fails", async () => {
    const queue = new BoundedWorkQueue({ name: "test", concurrency: 1, maxWaiting: 0, secondsPerTask: 1 });
    await expect(queue.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(queue.run(async () => 1)).resolves.toBe(1);
  });
});
