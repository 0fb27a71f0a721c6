import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { prefetchLibrary } from './lib/api';

// The Library is the first screen: its rows are asked for before anything is drawn.
prefetchLibrary();

const app = mount(App, { target: document.getElementById('app')! });

export default app;
