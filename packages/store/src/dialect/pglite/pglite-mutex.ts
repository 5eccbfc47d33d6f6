/**
 * A FIFO lock: PGlite is one session, so kysely's "connection" must be held by one caller at a time
 * (a transaction from its BEGIN to its COMMIT, or a single query).
 */
export class Mutex {
  #locked = false;
  #waiting: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#locked = false;
  }
}
