export * from './decide-update.js';
export * from './semver-tag.js';
export * from './toml-locate.js';
export * from './update-config.js';
export * from './update-env.js';
export * from './update-state.js';
export * from './update-toml.js';
export * from './state-file.js';
