/**
 * The version of the repository format: the layout and file formats described by schema/. The
 * built index states it, and repository.json's `formatVersion` must name it. Bump it (and the
 * schema's enum) when a change to schema/ would make older tools misread a repository.
 */
export const FORMAT_VERSION = '1.0';
