// Which documents were written by more than one command, and whether any was written by commands
// on different streams: DESIGN property 1 wants none, since such a document would serialise
// (and under load, fail) commands that have nothing to do with each other.
import type { ObservedWrite } from "./writeObserver.js";

export interface SharingReport {
  readonly documents: number;
  /** Documents written by two or more commands, all about one stream; by `<component>/<table>`. */
  readonly sharedWithinStream: ReadonlyMap<string, number>;
  /** Documents written by commands on different streams, with those streams. */
  readonly sharedAcrossStreams: readonly { document: string; streams: readonly string[] }[];
}

export class SharedDocumentTracker {
  private readonly streamsByDocument = new Map<string, Set<string>>();
  private readonly commandsByDocument = new Map<string, Set<string>>();
  private readonly tableOf = new Map<string, string>();

  /** Records the documents one command wrote; `stream` is the stream the command is about. */
  add(commandId: string, stream: string, writes: readonly ObservedWrite[]): void {
    for (const write of writes) {
      this.tableOf.set(write.document, `${write.component}/${write.table}`);
      const streams = this.streamsByDocument.get(write.document) ?? new Set<string>();
      streams.add(stream);
      this.streamsByDocument.set(write.document, streams);
      const commands = this.commandsByDocument.get(write.document) ?? new Set<string>();
      commands.add(commandId);
      this.commandsByDocument.set(write.document, commands);
    }
  }

  report(): SharingReport {
    const sharedWithinStream = new Map<string, number>();
    const sharedAcrossStreams: { document: string; streams: string[] }[] = [];
    for (const [document, streams] of this.streamsByDocument) {
      if (streams.size > 1) {
        sharedAcrossStreams.push({ document, streams: [...streams].sort() });
      } else if ((this.commandsByDocument.get(document)?.size ?? 0) > 1) {
        const table = this.tableOf.get(document) ?? "?";
        sharedWithinStream.set(table, (sharedWithinStream.get(table) ?? 0) + 1);
      }
    }
    return {
      documents: this.streamsByDocument.size,
      sharedWithinStream: new Map([...sharedWithinStream].sort(([a], [b]) => a.localeCompare(b))),
      sharedAcrossStreams,
    };
  }
}
