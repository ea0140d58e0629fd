/**
 * What the reader does with a taught model: switch every figure on the page to it (the
 * page's model, page-model.ts) and back, save it in this browser's IndexedDB and use or
 * delete what was saved, and download it as two files. Messages are plain words.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { inferenceClient } from '../shared/inference-client';
import { pageModel } from '../shared/page-model';
import { downloadModelFiles, modelFiles } from './model-files';
import type { ExportedModel, SavedModel, TrainOutcome } from './teach-protocol';
import type { ResultHandlers, ResultState } from './teach-run-templates';
import type { TeachSession } from './teach-session';

type Host = ReactiveControllerHost & HTMLElement;

export class TeachKeeper implements ReactiveController {
  saveName = '';
  saved: SavedModel[] = [];
  note = '';
  noteIsError = false;

  constructor(private readonly host: Host, private readonly session: TeachSession, private readonly classNames: () => string[]) {
    host.addController(this);
  }

  hostConnected(): void {}

  private listed = false;

  /** Lists the saved models once, when the figure first comes near the viewport (the worker starts then). */
  wake(): void {
    if (this.listed) return;
    this.listed = true;
    void this.refreshSaved();
  }

  /** Whether the page's figures show the model of the last run now. */
  get inUse(): boolean {
    return Boolean(this.session.modelKey) && pageModel.current?.key === this.session.modelKey;
  }

  /** A run ended with a model: name it, and if the page showed the reader's model, show this one. */
  taught(outcome: TrainOutcome): void {
    this.note = '';
    if (!this.saveName) this.saveName = outcome.classNames.join(' and ').slice(0, 40);
    if (pageModel.current?.key.startsWith('taught:')) this.use(outcome.key, outcome.classNames);
    // The run before this one is replaced: its weights are freed in the worker (a saved copy stays saved).
    const previous = this.lastTaught;
    this.lastTaught = outcome.key;
    if (previous && previous !== outcome.key && pageModel.current?.key !== previous) {
      void inferenceClient().then((client) => client.run('teach:forget', { key: previous })).catch(() => undefined);
    }
    this.host.requestUpdate();
  }

  private lastTaught = '';

  state(): ResultState {
    return {
      session: this.session,
      classNames: this.session.outcome?.classNames ?? this.classNames(),
      inUse: this.inUse,
      saveName: this.saveName,
      saved: this.saved,
      pageKey: pageModel.current?.key ?? '',
      note: this.note,
      noteIsError: this.noteIsError,
    };
  }

  private say(note: string, error = false): void {
    this.note = note;
    this.noteIsError = error;
    this.host.requestUpdate();
  }

  private use(key: string, classNames: readonly string[]): void {
    pageModel.choose(key ? { key, label: `your model (${classNames.join(', ')})`, classNames } : null);
    this.host.dispatchEvent(new CustomEvent('cnn-page-model', { detail: { key }, bubbles: true, composed: true }));
    this.host.requestUpdate();
  }

  async refreshSaved(): Promise<void> {
    try {
      this.saved = await (await inferenceClient()).run<SavedModel[]>('teach:saved', null);
      this.host.requestUpdate();
    } catch {
      // No IndexedDB here (a private window may refuse it): nothing is listed.
    }
  }

  readonly handlers: ResultHandlers = {
    toggleUse: () => {
      const outcome = this.session.outcome;
      if (!outcome?.key) return;
      this.use(this.inUse ? '' : outcome.key, outcome.classNames);
    },
    setSaveName: (name) => { this.saveName = name; },
    save: () => void this.save(),
    download: () => void this.download(),
    useSaved: (m) => this.use(m.url, m.classNames),
    removeSaved: (m) => void this.remove(m),
    backToShipped: () => this.use('', []),
  };

  private async save(): Promise<void> {
    const key = this.session.modelKey;
    const name = this.saveName.trim() || 'my model';
    if (!key) return;
    try {
      const saved = await (await inferenceClient()).run<SavedModel>('teach:save', { key, name });
      this.say(`Saved in this browser as “${saved.name}”. It stays when you close the page; use it again from the list below.`);
      await this.refreshSaved();
    } catch (err) {
      this.say(err instanceof Error ? err.message : String(err), true);
    }
  }

  private async download(): Promise<void> {
    const key = this.session.modelKey;
    if (!key) return;
    try {
      const exported = await (await inferenceClient()).run<ExportedModel>('teach:export', { key });
      const files = modelFiles(exported, this.saveName);
      downloadModelFiles(files);
      this.say(`Downloading ${files.jsonName} and ${files.weightsName}. Keep them side by side: model="…/${files.jsonName}" on any figure, or tf.loadLayersModel, loads your model.`);
    } catch (err) {
      this.say(`The model could not be downloaded: ${err instanceof Error ? err.message : String(err)}`, true);
    }
  }

  private async remove(m: SavedModel): Promise<void> {
    try {
      if (pageModel.current?.key === m.url) this.use('', []);
      await (await inferenceClient()).run('teach:remove', { url: m.url });
      this.say(`Deleted “${m.name}” from this browser.`);
      await this.refreshSaved();
    } catch (err) {
      this.say(`“${m.name}” could not be deleted: ${err instanceof Error ? err.message : String(err)}`, true);
    }
  }
}

