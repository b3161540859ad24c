import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Lays out a directory the way the kubelet mounts a ConfigMap (its AtomicWriter): the data in a
 * timestamped directory, `..data` a symlink to it, and each key a symlink through `..data`.
 * `update` writes a new timestamped directory and swaps `..data` with a rename, as the kubelet does.
 */
export class ConfigMapVolume {
  private generation = 0;
  private current = '';

  constructor(
    readonly dir: string,
    private readonly key: string,
  ) {}

  get path(): string {
    return join(this.dir, this.key);
  }

  create(content: string): void {
    mkdirSync(this.dir, { recursive: true });
    this.current = this.writeGeneration(content);
    symlinkSync(this.current, join(this.dir, '..data'));
    symlinkSync(join('..data', this.key), this.path);
  }

  update(content: string): void {
    const previous = this.current;
    this.current = this.writeGeneration(content);
    symlinkSync(this.current, join(this.dir, '..data_tmp'));
    renameSync(join(this.dir, '..data_tmp'), join(this.dir, '..data'));
    rmSync(join(this.dir, previous), { recursive: true });
  }

  private writeGeneration(content: string): string {
    this.generation += 1;
    const name = `..2026_01_01_00_00_00.${String(this.generation).padStart(9, '0')}`;
    mkdirSync(join(this.dir, name));
    writeFileSync(join(this.dir, name, this.key), content);
    return name;
  }
}
