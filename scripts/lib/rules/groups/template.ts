import { auroraRender } from '../aurora-render.js';
import { configDefaults } from '../config-defaults.js';
import { notChecked } from '../not-checked.js';
import { templateRender } from '../template-render.js';
import { templateSyntax } from '../template-syntax.js';
import { templateUnknownVariable } from '../template-unknown-variable.js';
import type { Rule } from '../types.js';

/**
 * Rules on config.json defaults and on the mustache templates (parsing, rendering, variables),
 * then the notes on what they could not check.
 */
export const TEMPLATE_RULES: readonly Rule[] = [templateSyntax, configDefaults, templateRender, templateUnknownVariable, auroraRender, notChecked];
