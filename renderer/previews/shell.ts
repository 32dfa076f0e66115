// Preview entry example: mounts a component with sample props (see scripts/preview.mjs).
import { mount } from 'svelte';
import EmptyState from '../src/components/empty-state.svelte';
import '../src/global.css';
import { createRawSnippet } from 'svelte';

mount(EmptyState, {
  target: document.getElementById('app')!,
  props: { title: 'Preview works', children: createRawSnippet(() => ({ render: () => '<span>Sample body text</span>' })) },
});
