-- Test harness, loaded before the recipe: records each window/showMessage the server sends in
-- g:slipway_test_messages, in place of showing it (headless, Neovim would wait at its
-- hit-enter prompt for a key nobody presses).
vim.g.slipway_test_messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, result)
  local seen = vim.g.slipway_test_messages
  table.insert(seen, result.message)
  vim.g.slipway_test_messages = seen
  return vim.NIL
end
