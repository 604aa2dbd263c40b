-- Neovim (Debian's 0.7) as a second real LSP client of dist/server.js, the way a user would set it up:
-- start the server over stdio, attach it to the buffer, wait for diagnostics, ask for a hover and the preferred
-- quick fix, apply its edit. Writes what it saw as JSON to $SUPERVISOR_OUT and quits.
local server, out = os.getenv('SUPERVISOR_SERVER'), os.getenv('SUPERVISOR_OUT')
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)
local result = { diagnostics = {} }

local client_id = vim.lsp.start_client({ name = 'supervisor', cmd = { 'node', server, '--stdio' }, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)

result.diagnosed = vim.wait(20000, function() return #vim.diagnostic.get(buf) >= 2 end, 20)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(result.diagnostics, { line = d.lnum, col = d.col, severity = d.severity, code = lsp.code or d.code })
end

local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = 3, character = 60 } }, 10000, buf)
result.hover = hover and hover.result and hover.result.contents.value or vim.NIL

local lsp_diagnostics = vim.tbl_map(function(d) return d.user_data.lsp end, vim.diagnostic.get(buf, { lnum = 3 }))
local actions = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = uri },
  range = { start = { line = 3, character = 54 }, ['end'] = { line = 3, character = 54 } },
  context = { diagnostics = lsp_diagnostics },
}, 10000, buf)
for _, action in ipairs(actions and actions.result or {}) do
  if action.isPreferred and action.edit then
    result.applied = action.title
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    break
  end
end
result.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)

local file = io.open(out, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
