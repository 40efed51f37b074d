// Opens IFC files with web-ifc (npm "web-ifc", the IFC reader of That Open
// Company) and prints, per file, one JSON line: the file, the number of
// IfcWall, IfcSlab, IfcRoof, IfcDoor, IfcWindow, IfcOpeningElement,
// IfcBuildingElementProxy, IfcRelVoidsElement and IfcRelFillsElement
// instances, the number of property sets named ProdOS_Module and the
// number of products web-ifc produced a mesh for.
// Usage: node count-ifc.mjs FILE...   Exit 1 when a file cannot be opened.
import { readFile } from 'node:fs/promises';
import * as WebIFC from 'web-ifc';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node count-ifc.mjs FILE...');
  process.exit(2);
}
const api = new WebIFC.IfcAPI();
await api.Init();
const types = {
  walls: WebIFC.IFCWALL, slabs: WebIFC.IFCSLAB, roofs: WebIFC.IFCROOF, doors: WebIFC.IFCDOOR,
  windows: WebIFC.IFCWINDOW, openings: WebIFC.IFCOPENINGELEMENT, proxies: WebIFC.IFCBUILDINGELEMENTPROXY,
  voids: WebIFC.IFCRELVOIDSELEMENT, fills: WebIFC.IFCRELFILLSELEMENT,
};
let bad = false;
for (const f of files) {
  const id = api.OpenModel(new Uint8Array(await readFile(f)));
  if (id < 0) {
    console.log(JSON.stringify({ file: f, error: 'web-ifc could not open the file' }));
    bad = true;
    continue;
  }
  const out = { file: f, schema: api.GetModelSchema(id) };
  for (const [k, t] of Object.entries(types)) out[k] = api.GetLineIDsWithType(id, t).size();
  let psets = 0;
  const ps = api.GetLineIDsWithType(id, WebIFC.IFCPROPERTYSET);
  for (let i = 0; i < ps.size(); i++) {
    if (api.GetLine(id, ps.get(i)).Name?.value === 'ProdOS_Module') psets++;
  }
  out.psets = psets;
  let meshes = 0;
  api.StreamAllMeshes(id, () => { meshes++; });
  out.meshes = meshes;
  console.log(JSON.stringify(out));
  api.CloseModel(id);
}
process.exit(bad ? 1 : 0);
