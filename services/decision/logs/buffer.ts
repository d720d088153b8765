/**
 * A bounded FIFO for events waiting to reach Redis. When full, the oldest
 * event is dropped and counted: loss is never silent.
 */
export class BoundedBuffer<T> {
  private items: T[] = [];
  private droppedCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('buffer capacity must be a positive integer');
  }

  push(item: T): void {
    if (this.items.length >= this.capacity) {
      this.items.shift();
      this.droppedCount++;
    }
    this.items.push(item);
  }

  /** Removes and returns up to `max` of the oldest items. */
  take(max: number): T[] {
    return this.items.splice(0, max);
  }

  /** Puts items taken earlier back at the front (a failed send); overflow drops the oldest. */
  restore(items: T[]): void {
    this.items = [...items, ...this.items];
    const excess = this.items.length - this.capacity;
    if (excess > 0) {
      this.items.splice(0, excess);
      this.droppedCount += excess;
    }
  }

  get size(): number {
    return this.items.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }
}
