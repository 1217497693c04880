-- Test harness: waits for the Slipway client's diagnostics on the current buffer, writes them
-- to $SLIPWAY_NVIM_OUT as JSON and quits. Loaded after docs/editors/neovim.lua.
local out = vim.env.SLIPWAY_NVIM_OUT
local ok = vim.wait(30000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local items = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(items, {
    line = d.lnum,
    code = d.code or lsp.code,
    severity = d.severity,
    message = d.message,
    source = d.source or lsp.source,
  })
end
local names = {}
for _, client in pairs(vim.lsp.buf_get_clients(0)) do
  table.insert(names, client.name)
end
-- window/showMessage lines, recorded by the hook the test installs before the recipe loads.
local messages = vim.g.slipway_test_messages or {}
vim.fn.writefile({ vim.fn.json_encode({ ok = ok, clients = names, items = items, messages = messages }) }, out)
vim.cmd('qa!')
