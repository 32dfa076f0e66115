// Preview: the Model panel with chollet-ch2 loaded, and below it a design with a Conv2D after
// Flatten (inline error, Train disabled).
import { mount } from 'svelte';
import '../src/global.css';
import ModelPanel from '../src/model/model-panel.svelte';
import { ModelDesign } from '../src/model/model-design.svelte.ts';
import { root, section } from './sections.ts';

const memory = (): Pick<Storage, 'getItem' | 'setItem'> => {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};

const good = new ModelDesign(memory());
mount(ModelPanel, { target: section('chollet-ch2 (default)'), props: { model: good, ontrain: (spec) => console.log('train', spec) } });

const bad = new ModelDesign(memory());
bad.loadPreset('chollet-ch2');
bad.addLayer('Flatten', 0);
bad.addLayer('Conv2D', 1);
bad.addLayer('Dropout', 3);
mount(ModelPanel, { target: section('Conv2D after Flatten'), props: { model: bad, ontrain: () => undefined } });

// a stored design that is not JSON: restored as the preset, with a notice
const broken = memory();
broken.setItem('mnist-lab.design', '{not json');
const restored = new ModelDesign(broken);
restored.loadPreset('lenet5');
restored.notice = new ModelDesign(broken).notice;
mount(ModelPanel, { target: section('lenet5, after a failed restore'), props: { model: restored, ontrain: () => undefined, trainBlockedReason: 'Download MNIST first (Data panel).' } });

// `#storage`: one panel on the real localStorage, to check that a design survives a reload.
if (location.hash === '#storage') {
  root.replaceChildren();
  mount(ModelPanel, { target: root, props: { model: new ModelDesign(localStorage), ontrain: (spec, backend) => ((window as unknown as { trained: unknown }).trained = { spec, backend }) } });
}
